package io.jwtguard.internal.diagnostics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What may be logged about a token: never the token itself, only a short SHA-256 prefix that lets an
 * operator match a log line to a token they hold, and the {@code kid}, {@code iss} and {@code jti}
 * values, sanitised and shortened. Immutable and thread-safe.
 */
public record TokenFacts(String fingerprint, String kid, String issuer, String jwtId) {

    public static final TokenFacts NONE = new TokenFacts("", "", "", "");

    private static final int FINGERPRINT_HEX_CHARS = 12;

    public TokenFacts {
        fingerprint = Text.shortValue(fingerprint);
        kid = Text.shortValue(kid);
        issuer = Text.shortValue(issuer);
        jwtId = Text.shortValue(jwtId);
    }

    public static TokenFacts of(String token) {
        return new TokenFacts(fingerprint(token), "", "", "");
    }

    public TokenFacts with(String kid, String issuer, String jwtId) {
        return new TokenFacts(fingerprint, kid, issuer, jwtId);
    }

    /** {@code sha256:} and the first 12 hex digits of the SHA-256 of the token's characters. */
    static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * {@code key=value} pairs for the log line, only for the facts that are known. The token's own values
     * are quoted (they hold no quote: {@link Text} replaced them), so a {@code kid} with spaces cannot fake
     * another pair.
     */
    public String forLog() {
        StringBuilder line = new StringBuilder();
        if (!fingerprint.isEmpty()) {
            line.append(" token=").append(fingerprint);
        }
        quoted(line, "kid", kid);
        quoted(line, "iss", issuer);
        quoted(line, "jti", jwtId);
        return line.toString();
    }

    private static void quoted(StringBuilder line, String key, String value) {
        if (!value.isEmpty()) {
            line.append(' ').append(key).append("=\"").append(value).append('"');
        }
    }
}
