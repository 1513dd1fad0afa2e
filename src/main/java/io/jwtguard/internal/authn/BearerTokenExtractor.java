package io.jwtguard.internal.authn;

import io.jwtguard.Reason;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import io.jwtguard.internal.diagnostics.TokenFacts;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Finds the bearer token of a request: the {@code Authorization} header as RFC 6750 §2.1 writes it
 * ({@code "Bearer" 1*SP b64token}, scheme case-insensitive), else the configured cookie. The query
 * string and the body are never read (RFC 6750 §2.2-2.3 are opt-in and leak tokens into logs).
 * Immutable and thread-safe.
 */
final class BearerTokenExtractor {

    private static final String SCHEME = "Bearer";

    private final int maxTokenLength;

    BearerTokenExtractor(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    /**
     * @param authorizationHeaders every {@code Authorization} header value of the request
     * @param cookieToken the configured cookie's value, or {@code null}
     */
    Extraction extract(List<String> authorizationHeaders, String cookieToken) {
        if (authorizationHeaders.size() > 1) {
            return malformedHeader("the request has " + authorizationHeaders.size()
                    + " Authorization headers; send exactly one");
        }
        if (authorizationHeaders.size() == 1) {
            return fromHeader(authorizationHeaders.get(0));
        }
        if (cookieToken != null) {
            return fromCookie(cookieToken);
        }
        return Extraction.ABSENT;
    }

    private Extraction fromHeader(String rawValue) {
        String value = rawValue.strip();
        if (value.isEmpty()) {
            return malformedHeader("the Authorization header is empty; send 'Bearer <token>'");
        }
        int space = value.indexOf(' ');
        int schemeEnd = space < 0 ? value.length() : space;
        if (schemeEnd != SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, schemeEnd)) {
            String scheme = value.substring(0, schemeEnd);
            if (!isToken(scheme)) {
                return malformedHeader("the Authorization header does not start with an auth scheme;"
                        + " send 'Bearer <token>'");
            }
            return Extraction.malformed(Failure.of(Reason.UNSUPPORTED_SCHEME, "the '" + Text.shortValue(scheme)
                    + "' scheme is not accepted here; send 'Bearer <token>'"));
        }
        if (space < 0) {
            return malformedHeader("the Bearer scheme has no token; send 'Bearer <token>'");
        }
        int start = space;
        while (start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        String token = value.substring(start);
        if (token.isEmpty()) {
            return malformedHeader("the Bearer scheme has no token; send 'Bearer <token>'");
        }
        if (token.length() > maxTokenLength) {
            return tooLong(token);
        }
        // Its characters are checked by the validator, once java-jwt's strict base64url decoding has checked most.
        return Extraction.fromHeader(token);
    }

    /**
     * The header's failure for a token outside RFC 6750's b64token grammar, with the position of its first such
     * character; {@code null} for a token inside it.
     */
    static Failure grammarFailure(String token) {
        int bad = firstInvalidCharacter(token);
        return bad < 0 ? null : Failure.of(Reason.MALFORMED_AUTHORIZATION_HEADER, "the token has a character outside"
                + " the RFC 6750 b64token alphabet at position " + (bad + 1)
                + "; send 'Bearer <token>' with nothing after the token");
    }

    /**
     * The b64token grammar at a fraction of its cost, exactly {@code firstInvalidCharacter(token) < 0} for any token
     * java-jwt decodes: java-jwt splits the token at exactly two dots and decodes its header and payload with the
     * JDK's strict base64url decoder, so they hold base64url characters with at most padding at their ends. What is
     * left is checked here: no padding before a dot, and the signature's characters. It may run before decoding:
     * a token it passes that java-jwt then cannot decode is checked whole. When it fails, the whole check fails too.
     */
    static boolean isB64tokenOnceDecoded(String token) {
        // Found from either end, so that only the signature is walked: the two dots of any token java-jwt decodes.
        int first = token.indexOf('.');
        int second = token.lastIndexOf('.');
        if (first <= 0 || second == first) {
            return firstInvalidCharacter(token) < 0; // not a token java-jwt decodes: the whole check
        }
        if (token.charAt(first - 1) == '=' || token.charAt(second - 1) == '=') {
            return false;
        }
        int i = second + 1;
        while (i < token.length() && isB64TokenByte(token.charAt(i))) {
            i++;
        }
        while (i < token.length() && token.charAt(i) == '=') {
            i++;
        }
        return i == token.length();
    }

    private static boolean isB64TokenByte(char c) {
        return c < B64TOKEN.length && B64TOKEN[c];
    }

    private Extraction fromCookie(String value) {
        if (value.length() > maxTokenLength) {
            return tooLong(value);
        }
        if (value.isEmpty() || firstInvalidCharacter(value) >= 0) {
            return Extraction.malformed(Failure.of(Reason.MALFORMED_TOKEN, "the token cookie does not hold a JWT"));
        }
        return Extraction.present(value);
    }

    private Extraction tooLong(String token) {
        return Extraction.malformed(new Failure(Reason.MALFORMED_TOKEN, "the token is " + token.length()
                + " characters, over the " + maxTokenLength + " accepted", "", TokenFacts.of(token)));
    }

    private static Extraction malformedHeader(String description) {
        return Extraction.malformed(Failure.of(Reason.MALFORMED_AUTHORIZATION_HEADER, description));
    }

    /** RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static int firstInvalidCharacter(String token) {
        // Over the token's bytes, one table read each: this runs over every token that is not a cache hit. A
        // character beyond Latin-1 becomes '?', itself outside the alphabet, so it is found at the same position.
        byte[] bytes = token.getBytes(StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < bytes.length && B64TOKEN[bytes[i] & 0xFF]) {
            i++;
        }
        if (i == 0) {
            return 0;
        }
        while (i < bytes.length && bytes[i] == '=') {
            i++;
        }
        return i == bytes.length ? -1 : i;
    }

    /** The b64token characters but {@code =}, by Latin-1 code. */
    private static final boolean[] B64TOKEN = new boolean[256];

    static {
        for (char c = 0; c < B64TOKEN.length; c++) {
            B64TOKEN[c] = isB64TokenChar(c);
        }
    }

    private static boolean isB64TokenChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    /** RFC 9110 §5.6.2 {@code token}, the grammar of an auth-scheme name. */
    private static boolean isToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
