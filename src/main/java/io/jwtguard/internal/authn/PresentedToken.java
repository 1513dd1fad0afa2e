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

    /** The one {@code Authorization} header value of a request whose token was verified from it; null: none. */
    public static PresentedToken of(String header) {
        if (header == null) {
            return ELSEWHERE;
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return ELSEWHERE;
        }
        Scheme scheme = BearerGrammar.isDpopScheme(value, space) ? Scheme.DPOP
                : BearerGrammar.isBearerScheme(value, space) ? Scheme.BEARER : Scheme.OTHER;
        int start = space;
        while (start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        return scheme == Scheme.OTHER ? ELSEWHERE : new PresentedToken(scheme, value.substring(start));
    }
}
