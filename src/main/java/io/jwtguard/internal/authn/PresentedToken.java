package io.jwtguard.internal.authn;

/**
 * How an authenticated request presented its token, read again after it was verified: the scheme of its
 * {@code Authorization} header and the token itself, or {@link Scheme#OTHER} when the token came from elsewhere
 * (the cookie, a listener). The proof-of-possession check needs both: the scheme tells a downgrade, the token is what
 * the proof's {@code ath} hashes. Immutable.
 */
public record PresentedToken(Scheme scheme, String token) {

    /** The schemes JwtGuard reads. */
    public enum Scheme { BEARER, DPOP, OTHER }

    private static final PresentedToken ELSEWHERE = new PresentedToken(Scheme.OTHER, "");

    /**
     * The scheme alone, with nothing copied: a verified bearer token's usual request needs no more.
     *
     * @param header the one {@code Authorization} header value of a request whose token was verified; null: none
     */
    public static Scheme schemeOf(String header) {
        if (header == null) {
            return Scheme.OTHER;
        }
        int from = 0;
        while (from < header.length() && Character.isWhitespace(header.charAt(from))) {
            from++;
        }
        int space = header.indexOf(' ', from);
        if (space < 0) {
            return Scheme.OTHER;
        }
        String value = from == 0 ? header : header.substring(from);
        int end = space - from;
        return BearerGrammar.isDpopScheme(value, end) ? Scheme.DPOP
                : BearerGrammar.isBearerScheme(value, end) ? Scheme.BEARER : Scheme.OTHER;
    }

    /** The scheme and the token of {@code header}, as {@link #schemeOf} reads it. */
    public static PresentedToken of(String header) {
        Scheme scheme = schemeOf(header);
        if (scheme == Scheme.OTHER) {
            return ELSEWHERE;
        }
        String value = header.strip();
        int start = value.indexOf(' ');
        while (start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        return new PresentedToken(scheme, value.substring(start));
    }
}
