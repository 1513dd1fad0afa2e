package io.jwtguard.internal.authz;

import io.jwtguard.internal.config.Settings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call one servlet method or resource method. Immutable.
 *
 * @param kind what the rule demands
 * @param roleSets for {@link Kind#RESTRICTED}: from each set the caller needs one role
 * @param policies for {@link Kind#RESTRICTED}: every named policy must hold
 * @param origin where the rule comes from, for the start-up table (e.g. {@code @Authorize on X.doDelete})
 * @param scopes for {@link Kind#RESTRICTED}: OAuth scopes the caller's token must grant, every one
 * @param stepUps for {@link Kind#RESTRICTED}: every one must hold (RFC 9470 {@code acr} and {@code auth_time})
 */
public record Rule(Kind kind, List<Set<String>> roleSets, List<String> policies, String origin, List<String> scopes,
        List<StepUp> stepUps) {

    /** Ordered from the most open to the strictest. */
    public enum Kind { ANONYMOUS, AUTHENTICATED, RESTRICTED, DENY }

    public Rule {
        roleSets = roleSets.stream().map(Set::copyOf).toList();
        policies = List.copyOf(policies);
        scopes = List.copyOf(new LinkedHashSet<>(scopes));
        stepUps = List.copyOf(stepUps);
    }

    public Rule(Kind kind, List<Set<String>> roleSets, List<String> policies, String origin) {
        this(kind, roleSets, policies, origin, List.of());
    }

    /** A rule without step-up. */
    public Rule(Kind kind, List<Set<String>> roleSets, List<String> policies, String origin, List<String> scopes) {
        this(kind, roleSets, policies, origin, scopes, List.of());
    }

    /** This rule, also demanding {@code stepUp} of the user's authentication; this rule when it demands nothing. */
    public Rule withStepUp(StepUp stepUp) {
        if (stepUp.demandsNothing() || kind == Kind.ANONYMOUS || kind == Kind.DENY) {
            return this;
        }
        List<StepUp> all = new ArrayList<>(stepUps);
        all.add(stepUp);
        return new Rule(Kind.RESTRICTED, roleSets, policies, origin, scopes, all);
    }

    static Rule anonymous(String origin) {
        return new Rule(Kind.ANONYMOUS, List.of(), List.of(), origin);
    }

    static Rule authenticated(String origin) {
        return new Rule(Kind.AUTHENTICATED, List.of(), List.of(), origin);
    }

    /** Any one of {@code roles} (when given) and {@code policy} (when not empty); authenticated when neither. */
    public static Rule restricted(Set<String> roles, String policy, String origin) {
        List<Set<String>> roleSets = roles.isEmpty() ? List.of() : List.of(roles);
        List<String> policies = policy.isEmpty() ? List.of() : List.of(policy);
        return roleSets.isEmpty() && policies.isEmpty() ? authenticated(origin)
                : new Rule(Kind.RESTRICTED, roleSets, policies, origin);
    }

    /** As {@link #restricted(Set, String, String)}, and every one of {@code scopes} (when given). */
    public static Rule restricted(Set<String> roles, List<String> scopes, String policy, String origin) {
        Rule rule = restricted(roles, policy, origin);
        return scopes.isEmpty() ? rule
                : new Rule(Kind.RESTRICTED, rule.roleSets(), rule.policies(), origin, scopes);
    }

    static Rule deny(String origin) {
        return new Rule(Kind.DENY, List.of(), List.of(), origin);
    }

    /** The configured rule of a servlet or resource that declares none. */
    static Rule fallback(Settings.Fallback fallback) {
        return switch (fallback) {
            case AUTHENTICATED -> authenticated("fallback");
            case ANONYMOUS -> anonymous("fallback");
            case DENY -> deny("fallback");
        };
    }

    /**
     * Both rules at once: what a caller must satisfy when two declarations of the same element along
     * a class hierarchy disagree. Never more open than either.
     */
    public Rule and(Rule other) {
        if (kind == Kind.DENY || other.kind == Kind.ANONYMOUS) {
            return this;
        }
        if (other.kind == Kind.DENY || kind == Kind.ANONYMOUS) {
            return other;
        }
        List<Set<String>> roles = new ArrayList<>(roleSets);
        other.roleSets.stream().filter(set -> !roles.contains(set)).forEach(roles::add);
        Set<String> allPolicies = new LinkedHashSet<>(policies);
        allPolicies.addAll(other.policies);
        Set<String> allScopes = new LinkedHashSet<>(scopes);
        allScopes.addAll(other.scopes);
        Set<StepUp> allStepUps = new LinkedHashSet<>(stepUps);
        allStepUps.addAll(other.stepUps);
        Kind combined = roles.isEmpty() && allPolicies.isEmpty() && allScopes.isEmpty() && allStepUps.isEmpty()
                ? Kind.AUTHENTICATED : Kind.RESTRICTED;
        return new Rule(combined, roles, List.copyOf(allPolicies), origin + " and " + other.origin,
                List.copyOf(allScopes), List.copyOf(allStepUps));
    }

    /** Whether {@code other} lets through someone this rule would stop. */
    boolean weakerThan(Rule other) {
        return !and(other).equalsIgnoringOrigin(this);
    }

    private boolean equalsIgnoringOrigin(Rule other) {
        return kind == other.kind && Set.copyOf(roleSets).equals(Set.copyOf(other.roleSets))
                && Set.copyOf(policies).equals(Set.copyOf(other.policies))
                && Set.copyOf(scopes).equals(Set.copyOf(other.scopes))
                && Set.copyOf(stepUps).equals(Set.copyOf(other.stepUps));
    }

    /**
     * For the start-up table: {@code anonymous}, {@code authenticated},
     * {@code roles [A, B] + scopes [orders:read] + policy P}, {@code roles [A] + acr any of [2], max age 300s},
     * {@code deny}.
     */
    public String describe() {
        return switch (kind) {
            case ANONYMOUS -> "anonymous";
            case AUTHENTICATED -> "authenticated";
            case RESTRICTED -> {
                List<String> parts = new ArrayList<>();
                roleSets.forEach(set -> parts.add("roles " + new TreeSet<>(set)));
                if (!scopes.isEmpty()) {
                    parts.add("scopes " + scopes);
                }
                policies.forEach(policy -> parts.add("policy " + policy));
                stepUps.forEach(stepUp -> parts.add(stepUp.describe()));
                yield String.join(" + ", parts);
            }
            case DENY -> "deny";
        };
    }
}
