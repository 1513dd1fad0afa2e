package io.jwtguard.internal.authn;

import io.jwtguard.JwtPrincipal;
import java.util.Map;

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

    static TokenIds of(JwtPrincipal principal) {
        Map<String, Object> claims = principal.getClaims();
        String issuer = text(claims.get("iss"));
        return new TokenIds(issuer == null ? "" : issuer, text(claims.get("jti")), text(claims.get("sid")),
                text(claims.get("sub")), claims.get("iat") instanceof Number iat ? iat.longValue() : NO_IAT);
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isEmpty() ? text : null;
    }
}
