package io.jwtguard.authn;

import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads roles from a dotted claim path ({@code roles}, {@code groups}, {@code realm_access.roles}).
 * An array contributes its string elements; a string is one role, except in {@code scope} / {@code scp},
 * which RFC 8693 §4.2 defines as space-separated. No case folding, no comma splitting: a role is
 * exactly what the issuer wrote. A claim of any other JSON type yields no roles. Immutable.
 */
final class RolesClaim {

    private final List<String> path;
    private final boolean spaceSeparated;

    RolesClaim(List<String> path) {
        this.path = List.copyOf(path);
        String last = path.get(path.size() - 1);
        this.spaceSeparated = last.equals("scope") || last.equals("scp");
    }

    /** The union of the roles found at each path, e.g. Keycloak's realm and client roles. */
    static Set<String> union(List<RolesClaim> claims, DecodedJWT jwt) {
        if (claims.size() == 1) {
            return claims.get(0).roles(jwt);
        }
        Set<String> roles = new LinkedHashSet<>();
        for (RolesClaim claim : claims) {
            roles.addAll(claim.roles(jwt));
        }
        return roles;
    }

    Set<String> roles(DecodedJWT jwt) {
        Claim top = jwt.getClaim(path.get(0));
        if (top.isMissing() || top.isNull()) {
            return Set.of();
        }
        Object value;
        try {
            value = path.size() == 1 ? top.as(Object.class) : top.asMap();
        } catch (JWTDecodeException e) {
            return Set.of();
        }
        for (int i = 1; i < path.size() && value != null; i++) {
            value = value instanceof Map<?, ?> map ? map.get(path.get(i)) : null;
        }
        return toRoles(value);
    }

    private Set<String> toRoles(Object value) {
        Set<String> roles = new LinkedHashSet<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String role && !role.isEmpty()) {
                    roles.add(role);
                }
            }
        } else if (value instanceof String text) {
            if (spaceSeparated) {
                for (String scope : text.split(" ")) {
                    if (!scope.isEmpty()) {
                        roles.add(scope);
                    }
                }
            } else if (!text.isEmpty()) {
                roles.add(text);
            }
        }
        return roles;
    }
}
