package io.jwtguard.internal.authn;

import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Instant;

/**
 * What revocation looks a verified token up by, read from its claims once, when it is verified, so that a cache
 * hit's revocation check is a few map lookups and nothing else. Immutable.
 *
 * @param issuer {@code iss}, empty when absent
 * @param jti {@code jti}, or {@code null}
 * @param sid {@code sid} (its session), or {@code null}
 * @param subject {@code sub}, or {@code null}
 * @param issuedAtMillis when it was issued, in epoch milliseconds: JwtGuard's own {@link #ISSUED_AT_MILLIS} when
 *     the token has it, else the start of its {@code iat} second; {@link #NO_IAT} when it has no {@code iat}
 * @param boundKey the RFC 7638 thumbprint of the key the token is bound to ({@code cnf.jkt}, RFC 9449 §6), or
 *     {@code null} for a token bound to none; {@link #UNUSABLE_BINDING} for a {@code cnf.jkt} that is no string
 */
public record TokenIds(String issuer, String jti, String sid, String subject, long issuedAtMillis, String boundKey) {

    /** A {@code cnf.jkt} JwtGuard cannot read: the token is bound, to no key a proof can match. */
    public static final String UNUSABLE_BINDING = "";

    public TokenIds(String issuer, String jti, String sid, String subject, long issuedAtMillis) {
        this(issuer, jti, sid, subject, issuedAtMillis, null);
    }


    public static final long NO_IAT = Long.MIN_VALUE;
    /**
     * The claim in which JwtGuard's own issuer writes the issue instant to the millisecond: {@code iat} has whole
     * seconds only, which cannot tell a token signed just before a sign-out everywhere from one signed just after.
     */
    public static final String ISSUED_AT_MILLIS = "jwtguard_iat_ms";

    /** From the decoded token: its registered claims are parsed already, so nothing is converted. */
    static TokenIds of(DecodedJWT jwt) {
        String issuer = text(jwt.getIssuer());
        Instant iat = jwt.getIssuedAtAsInstant();
        return new TokenIds(issuer == null ? "" : issuer, text(jwt.getId()), text(jwt.getClaim("sid").asString()),
                text(jwt.getSubject()), iat == null ? NO_IAT : issuedAtMillis(iat.getEpochSecond(),
                        jwt.getClaim(ISSUED_AT_MILLIS).asLong()), boundKey(jwt));
    }

    private static String boundKey(DecodedJWT jwt) {
        com.auth0.jwt.interfaces.Claim cnf = jwt.getClaim("cnf");
        if (cnf.isMissing() || cnf.isNull()) {
            return null;
        }
        java.util.Map<String, Object> confirmation = cnf.asMap();
        if (confirmation == null) {
            return UNUSABLE_BINDING;
        }
        if (!confirmation.containsKey("jkt")) {
            // Bound some other way (an mTLS certificate's x5t#S256, RFC 8705): not DPoP's to check.
            return null;
        }
        return confirmation.get("jkt") instanceof String jkt && !jkt.isEmpty() ? jkt : UNUSABLE_BINDING;
    }

    /**
     * The issue instant in milliseconds: {@code precise} when it lies within the {@code iat} second (a value that
     * contradicts {@code iat} is not JwtGuard's and is ignored), else the second's start, the earliest the token can
     * have been issued, so a comparison with a sign-out errs towards refusing.
     */
    public static long issuedAtMillis(long iatSeconds, Long precise) {
        return precise != null && Math.floorDiv(precise, 1000) == iatSeconds ? precise : iatSeconds * 1000;
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
