package io.jwtguard.internal.authn;

import java.util.List;

/**
 * The checks authentication makes, in the order the filter makes them: the header (RFC 6750 §2.1), the
 * token's form, its {@code alg} and header, the issuer it names, the key, then what java-jwt verifies in
 * the order {@link VerifierFactory} gives it (signature, required claims, issuer, audience, lifetime).
 * {@link Checks} says which of them ran and passed, which failed, and which were never reached.
 */
public enum Check {
    HEADER("Authorization header present and well-formed"),
    TOKEN("token is a JWT within the length limit"),
    ALGORITHM("algorithm allowed for the token's issuer"),
    TOKEN_TYPE("header has no 'crit' and an accepted 'typ' (when jwtguard.token.type is set); not an ID token"),
    ISSUER("issuer trusted"),
    KEY("signing key found (kid, key source reachable)"),
    SIGNATURE("signature verifies with that key"),
    CLAIMS("required claims present (exp, sub)"),
    AUDIENCE("audience accepted"),
    LIFETIME("not expired, not before nbf / iat, within the clock skew and the maximum token age");

    /** What java-jwt runs once it is called, in its order: the signature first, then the claims as added. */
    static final List<Check> VERIFIER_ORDER = List.of(SIGNATURE, CLAIMS, ISSUER, AUDIENCE, LIFETIME);

    /** The bits of {@link #VERIFIER_ORDER}: what passed once java-jwt's verifier returns. */
    static final int VERIFIER_ORDER_BITS = VERIFIER_ORDER.stream().mapToInt(Check::bit).reduce(0, (a, b) -> a | b);

    private final String label;

    Check(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    int bit() {
        return 1 << ordinal();
    }
}
