package io.jwtguard.internal.authn;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.jwtguard.JwtPrincipal;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The caller a verified token names, in the two forms JwtGuard builds: read from the decoded token on first use
 * (a fresh verification), or compact for the cache to keep (claims as plain values, lists of strings packed, the
 * roles an index into the packed roles claim), never holding the decoded token. Stateless.
 */
final class Principals {

    /** A payload as a map of plain values; configured once, thread-safe. */
    private static final ObjectReader PAYLOAD =
            new ObjectMapper().readerFor(new TypeReference<HashMap<String, Object>>() { });

    private Principals() {
    }

    /** Named by {@code nameClaim}, else by {@code subject}; roles and claims read on first use. */
    static JwtPrincipal fromToken(DecodedJWT jwt, String subject, TrustedIssuer issuer, String nameClaim) {
        String name = jwt.getClaim(nameClaim).asString();
        // Converting every claim to Java values costs more than the signature check, and a rule without roles
        // never reads them: both done on first use.
        return new JwtPrincipal(name == null || name.isBlank() ? subject : name,
                new LazyRoles(() -> RolesClaim.union(issuer.rolesClaims(), jwt)), new LazyClaims(() -> claims(jwt)));
    }

    /** {@code principal}, verified from {@code jwt}, as the cache keeps it: a large groups claim held once. */
    static JwtPrincipal compact(JwtPrincipal principal, DecodedJWT jwt, TrustedIssuer issuer) {
        Map<String, Object> claims = PackedStrings.compactClaims(claims(jwt));
        return new JwtPrincipal(principal.getName(),
                PackedRoles.sharing(principal.getRoles(), claims, issuer.rolesClaimPaths()), claims);
    }

    /**
     * Every claim as a plain Java value: the payload read once more as a whole, into the values java-jwt's own
     * conversion gives ({@code Claim.as(Object.class)}, which builds a parser and a context for each claim and cost
     * a cache miss more than its signature check); that conversion claim by claim if it cannot be read so.
     */
    static Map<String, Object> claims(DecodedJWT jwt) {
        Map<String, Object> claims;
        try {
            claims = PAYLOAD.readValue(Base64.getUrlDecoder().decode(jwt.getPayload()));
        } catch (IOException | IllegalArgumentException e) {
            claims = new HashMap<>();
            for (Map.Entry<String, Claim> entry : jwt.getClaims().entrySet()) {
                claims.put(entry.getKey(), entry.getValue().as(Object.class));
            }
        }
        claims.values().removeIf(Objects::isNull);
        return claims;
    }
}
