package io.jwtguard;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The caller of a request whose bearer token JwtGuard verified, as returned by
 * {@code HttpServletRequest.getUserPrincipal()}. Immutable and thread-safe.
 *
 * <p>Claims are the verified token's payload as plain Java values ({@code String}, {@code Number},
 * {@code Boolean}, {@code List}, {@code Map}); the raw token itself is deliberately not kept, so it
 * cannot end up in an application's log by accident.
 */
public final class JwtPrincipal implements Principal {

    private final String name;
    private final Set<String> roles;
    private final Map<String, Object> claims;

    /**
     * The one way to build a principal (JwtGuard itself uses it too; tests of your own listeners and
     * servlets can).
     *
     * @param name the caller's name (the configured name claim, {@code sub} by default)
     * @param roles the roles read from the configured roles claim
     * @param claims every claim of the verified token, as plain Java values; copied, except for the
     *     read-only view JwtGuard builds itself, whose values are converted only when first asked for
     *     (most requests never ask)
     */
    public JwtPrincipal(String name, Set<String> roles, Map<String, ?> claims) {
        this.name = Objects.requireNonNull(name, "name");
        this.roles = Implementation.principals().roles(roles);
        this.claims = Implementation.principals().claims(claims);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The roles {@code isUserInRole} answers from; exact strings, no case folding. */
    public Set<String> getRoles() {
        return roles;
    }

    /** Every claim of the verified token. */
    public Map<String, Object> getClaims() {
        return claims;
    }

    /** One claim, if present and not JSON {@code null}. */
    public Optional<Object> getClaim(String claimName) {
        return Optional.ofNullable(getClaims().get(claimName));
    }

    public String getSubject() {
        return stringClaim("sub");
    }

    public String getIssuer() {
        return stringClaim("iss");
    }

    /** {@code aud}, as a list even when the token holds a single string. */
    public List<String> getAudience() {
        Object audience = getClaims().get("aud");
        if (audience instanceof String single) {
            return List.of(single);
        }
        if (audience instanceof List<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    /**
     * The scopes the token grants: {@code scope} (space-separated, RFC 8693 section 4.2 and RFC 9068) and {@code scp}
     * (an array or a space-separated string, as some identity providers write it), together; exact strings.
     */
    public Set<String> getScopes() {
        Set<String> scopes = new java.util.LinkedHashSet<>();
        for (String claim : List.of("scope", "scp")) {
            Object value = getClaims().get(claim);
            if (value instanceof String text) {
                for (String scope : text.split(" ")) {
                    if (!scope.isEmpty()) {
                        scopes.add(scope);
                    }
                }
            } else if (value instanceof List<?> list) {
                list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(scopes::add);
            }
        }
        return java.util.Collections.unmodifiableSet(scopes);
    }

    /** {@code exp} as an instant. */
    public Optional<Instant> getExpiresAt() {
        return getClaim("exp").filter(Number.class::isInstance)
                .map(n -> Instant.ofEpochSecond(((Number) n).longValue()));
    }

    private String stringClaim(String claim) {
        Object value = getClaims().get(claim);
        return value instanceof String text ? text : null;
    }

    @Override
    public String toString() {
        return "JwtPrincipal[" + name + ", roles=" + roles + "]";
    }
}
