package io.jwtguard.authz;

import io.jwtguard.authn.AuthenticationResult;
import io.jwtguard.diagnostics.Failure;
import io.jwtguard.diagnostics.Reason;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authorization stage: given a servlet method's rule and the authentication result, decides
 * whether the request goes on. Not authenticated where needed: the authentication failure (401/400).
 * Authenticated without a required role: 403 {@code insufficient_role} (RFC 6750 §3.1
 * {@code insufficient_scope}). Writes nothing. Stateless and thread-safe.
 */
public final class Authorizer {

    public AccessDecision decide(Rule rule, AuthenticationResult authentication) {
        boolean authenticated = authentication.kind() == AuthenticationResult.Kind.AUTHENTICATED;
        return switch (rule.kind()) {
            case ANONYMOUS -> authenticated
                    ? new AccessDecision(AccessDecision.Kind.ALLOW_AUTHENTICATED, null)
                    : new AccessDecision(AccessDecision.Kind.ALLOW_ANONYMOUS, ignored(authentication));
            case AUTHENTICATED -> authenticated
                    ? new AccessDecision(AccessDecision.Kind.ALLOW_AUTHENTICATED, null)
                    : refuse(authentication.failure());
            case ROLES -> !authenticated ? refuse(authentication.failure())
                    : hasAnyRole(authentication.principal().getRoles(), rule.roles())
                            ? new AccessDecision(AccessDecision.Kind.ALLOW_AUTHENTICATED, null)
                            : refuse(new Failure(Reason.INSUFFICIENT_ROLE, "none of the token's roles "
                                    + shown(authentication.principal().getRoles()) + " is allowed here",
                                    "required any of " + new TreeSet<>(rule.roles()), null));
            case DENY -> refuse(Failure.of(Reason.POLICY_FAILED, "this endpoint has no @Authorize or"
                    + " @AllowAnonymous and the fallback rule denies every caller"));
        };
    }

    private static Failure ignored(AuthenticationResult authentication) {
        return authentication.kind() == AuthenticationResult.Kind.FAILED ? authentication.failure() : null;
    }

    private static boolean hasAnyRole(Set<String> held, Set<String> required) {
        for (String role : required) {
            if (held.contains(role)) {
                return true;
            }
        }
        return false;
    }

    private static String shown(Set<String> roles) {
        return roles.stream().limit(10).map(io.jwtguard.diagnostics.Text::shortValue).sorted().toList().toString();
    }

    private static AccessDecision refuse(Failure failure) {
        return new AccessDecision(AccessDecision.Kind.REFUSE, failure);
    }
}
