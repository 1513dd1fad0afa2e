package io.jwtguard.internal.authn;

import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
        JsonNode node;
        try {
            // The claim's own JSON tree (java-jwt hands it over without converting it): cheap to walk.
            node = top.as(JsonNode.class);
        } catch (JWTDecodeException e) {
            return Set.of();
        }
        for (int i = 1; i < path.size() && node != null; i++) {
            node = node.isObject() ? node.get(path.get(i)) : null;
        }
        return node == null ? Set.of() : toRoles(node);
    }

    /**
     * An unmodifiable set, which the principal keeps as it is ({@link Set#copyOf} does not copy it again): the
     * roles are copied once, from the claim.
     */
    private Set<String> toRoles(JsonNode value) {
        List<String> roles = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isTextual() && !element.asText().isEmpty()) {
                    roles.add(element.asText());
                }
            }
        } else if (value.isTextual()) {
            String text = value.asText();
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
        return switch (roles.size()) {
            case 0 -> Set.of();
            case 1 -> Set.of(roles.get(0));
            // Set.copyOf, unlike Set.of, takes the duplicates an issuer may write.
            default -> Set.copyOf(roles);
        };
    }
}
