package io.jwtguard.internal.authn;

import io.jwtguard.JwtGuardRuntime;
import java.util.Map;
import java.util.Set;

/**
 * What the public {@link io.jwtguard.JwtPrincipal} keeps of the roles and claims it is given: a copy, except
 * for the forms JwtGuard builds itself (roles read on first use or packed for the cache, claims converted on
 * first use), which are read-only already and taken as they are. Its one way into this package, so those forms
 * stay package-private. Declared in {@code META-INF/services/io.jwtguard.JwtGuardRuntime$Principals}. Stateless.
 */
public final class PrincipalValues implements JwtGuardRuntime.Principals {

    @Override
    public Set<String> roles(Set<String> roles) {
        return PackedRoles.copyOf(roles);
    }

    @Override
    public Map<String, Object> claims(Map<String, ?> claims) {
        return claims instanceof LazyClaims lazy ? lazy : Map.copyOf(claims);
    }
}
