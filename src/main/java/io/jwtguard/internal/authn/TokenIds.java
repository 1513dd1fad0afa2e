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
 * @param issuedAt {@code iat} in epoch seconds, {@link #NO_IAT} when absent
 */
public record TokenIds(String issuer, String jti, String sid, String subject, long issuedAt) {

    public static final long NO_IAT = Long.MIN_VALUE;

    /** From the decoded token: its registered claims are parsed already, so nothing is converted. */
    static TokenIds of(DecodedJWT jwt) {
        String issuer = text(jwt.getIssuer());
        Instant iat = jwt.getIssuedAtAsInstant();
        return new TokenIds(issuer == null ? "" : issuer, text(jwt.getId()), text(jwt.getClaim("sid").asString()),
                text(jwt.getSubject()), iat == null ? NO_IAT : iat.getEpochSecond());
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
