package io.jwtguard.authz;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call one servlet method. Immutable.
 *
 * @param kind what the rule demands
 * @param roles for {@link Kind#ROLES}: any one of them is enough; empty otherwise
 * @param origin where the rule comes from, for the start-up log (e.g. {@code @Authorize on doDelete})
 */
public record Rule(Kind kind, Set<String> roles, String origin) {

    public enum Kind { ANONYMOUS, AUTHENTICATED, ROLES, DENY }

    public Rule {
        roles = Set.copyOf(roles);
    }

    static Rule anonymous(String origin) {
        return new Rule(Kind.ANONYMOUS, Set.of(), origin);
    }

    static Rule authenticated(String origin) {
        return new Rule(Kind.AUTHENTICATED, Set.of(), origin);
    }

    static Rule roles(Set<String> roles, String origin) {
        return roles.isEmpty() ? authenticated(origin) : new Rule(Kind.ROLES, roles, origin);
    }

    static Rule deny(String origin) {
        return new Rule(Kind.DENY, Set.of(), origin);
    }

    /** For the start-up table: {@code anonymous}, {@code authenticated}, {@code roles [A, B]}, {@code deny}. */
    public String describe() {
        return switch (kind) {
            case ANONYMOUS -> "anonymous";
            case AUTHENTICATED -> "authenticated";
            case ROLES -> "roles " + new TreeSet<>(roles);
            case DENY -> "deny";
        };
    }
}
