package io.jwtguard.internal.authn;

import io.jwtguard.Reason;
import io.jwtguard.internal.diagnostics.Failure;
import java.nio.charset.StandardCharsets;

/**
 * The grammar of an {@code Authorization} header carrying a bearer token, RFC 6750 §2.1:
 * {@code credentials = "Bearer" 1*SP b64token}, the scheme case-insensitive (RFC 9110 §11.1). Every class that
 * reads the header (the extractor, the cache's shortcut for a whole header, the validator's check of the
 * token's characters) asks here. Stateless.
 */
final class BearerGrammar {

    static final String SCHEME = "Bearer";
    /** RFC 9449 §7.1: the same token68 credentials under the {@code DPoP} scheme, its proof in a header of its own. */
    static final String DPOP_SCHEME = "DPoP";

    /** The usual form of the header's start: the scheme as RFC 6750 writes it and one space. */
    static final String USUAL_PREFIX = SCHEME + " ";

    /** The b64token characters but {@code =}, by Latin-1 code. */
    private static final boolean[] B64TOKEN = new boolean[256];

    static {
        for (char c = 0; c < B64TOKEN.length; c++) {
            B64TOKEN[c] = isB64TokenChar(c);
        }
    }

    private BearerGrammar() {
    }

    /** Whether {@code value}'s first {@code schemeEnd} characters are the Bearer scheme, in any case. */
    static boolean isBearerScheme(String value, int schemeEnd) {
        return isScheme(value, schemeEnd, SCHEME);
    }

    /** Whether {@code value}'s first {@code schemeEnd} characters are the DPoP scheme, in any case. */
    static boolean isDpopScheme(String value, int schemeEnd) {
        return isScheme(value, schemeEnd, DPOP_SCHEME);
    }

    private static boolean isScheme(String value, int schemeEnd, String scheme) {
        return schemeEnd == scheme.length() && value.regionMatches(true, 0, scheme, 0, schemeEnd);
    }

    /**
     * Where the token starts in a header value of the exact form {@code Bearer 1*SP token}, with no white space
     * before it or after the token; -1 for any other value.
     */
    static int tokenStart(String value) {
        return tokenStart(value, SCHEME);
    }

    /** {@link #tokenStart(String)} for a header of {@code scheme} ({@link #SCHEME} or {@link #DPOP_SCHEME}). */
    static int tokenStart(String value, String schemeName) {
        int scheme = schemeName.length();
        if (value.length() <= scheme || value.charAt(scheme) != ' ' || !isScheme(value, scheme, schemeName)) {
            return -1;
        }
        int start = scheme;
        while (start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        char last = value.charAt(value.length() - 1);
        return start == value.length() || last == ' ' || last == '\t' ? -1 : start;
    }

    /** RFC 9110 §5.6.2 {@code token}, the grammar of an auth-scheme name. */
    static boolean isAuthScheme(String text) {
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

    private static boolean isB64TokenByte(char c) {
        return c < B64TOKEN.length && B64TOKEN[c];
    }

    private static boolean isB64TokenChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
