package io.jwtguard.internal.authz;

import io.jwtguard.AuthorizationPolicy;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.internal.config.PolicyDefinition;
import io.jwtguard.internal.config.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Every named policy, from configuration and from {@link AuthorizationPolicy} services, built once at
 * start-up. Immutable and thread-safe.
 */
public final class Policies {

    private final Map<String, AuthorizationPolicy> byName;
    /** The step-up parts of configured policies that have them ({@code acr}, {@code max-age}). */
    private final Map<String, StepUp> stepUps;

    private Policies(Map<String, AuthorizationPolicy> byName, Map<String, StepUp> stepUps) {
        this.byName = Map.copyOf(byName);
        this.stepUps = Map.copyOf(stepUps);
    }

    /**
     * Reads the policies; one name defined twice, or a service that cannot be loaded, is a problem.
     *
     * @param configured policies from {@code jwtguard.policy.*}
     * @param loader the application's class loader, where {@code AuthorizationPolicy} services are found
     */
    public static Policies load(Map<String, PolicyDefinition> configured, ClassLoader loader, Problems problems) {
        Map<String, AuthorizationPolicy> byName = new LinkedHashMap<>();
        Map<String, StepUp> stepUps = new LinkedHashMap<>();
        for (PolicyDefinition definition : configured.values()) {
            byName.put(definition.name(), new ConfiguredPolicy(definition, byName));
            List<String> stepUpProblems = new ArrayList<>();
            StepUp stepUp = StepUp.of(definition.acr(), definition.maxAgeSeconds(),
                    "jwtguard.policy." + definition.name() + ".acr", stepUpProblems);
            stepUpProblems.forEach(problems::add);
            if (!stepUp.demandsNothing()) {
                stepUps.put(definition.name(), stepUp);
            }
        }
        try {
            for (AuthorizationPolicy policy : ServiceLoader.load(AuthorizationPolicy.class, loader)) {
                AuthorizationPolicy previous = byName.putIfAbsent(policy.name(), policy);
                if (previous != null) {
                    problems.add("policy '" + policy.name() + "' is defined twice: " + previous.describe() + " and "
                            + policy.getClass().getName() + "; keep one");
                }
            }
        } catch (ServiceConfigurationError e) {
            problems.add("an AuthorizationPolicy listed in META-INF/services cannot be loaded: " + e.getMessage());
        }
        return new Policies(byName, stepUps);
    }

    /** What the policy called {@code name} demands of the user's authentication; {@link StepUp#NONE} if nothing. */
    public StepUp stepUp(String name) {
        return stepUps.getOrDefault(name, StepUp.NONE);
    }

    /** The policy called {@code name}, if one is defined. */
    public Optional<AuthorizationPolicy> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every defined policy's name, for the start-up check of {@code @Authorize(policy = ...)}. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** A configured policy: every part that is set must hold. */
    private static final class ConfiguredPolicy implements AuthorizationPolicy {

        private final PolicyDefinition definition;
        /** Filled completely before the first request; read-only afterwards. */
        private final Map<String, AuthorizationPolicy> all;

        ConfiguredPolicy(PolicyDefinition definition, Map<String, AuthorizationPolicy> all) {
            this.definition = definition;
            this.all = all;
        }

        @Override
        public String name() {
            return definition.name();
        }

        @Override
        public boolean permits(JwtPrincipal caller) {
            if (!definition.roles().isEmpty() && definition.roles().stream().noneMatch(caller.getRoles()::contains)) {
                return false;
            }
            if (!definition.scopes().isEmpty() && !caller.getScopes().containsAll(definition.scopes())) {
                return false;
            }
            for (Map.Entry<String, List<String>> claim : definition.claims().entrySet()) {
                if (!holdsOneOf(caller.getClaim(claim.getKey()).orElse(null), claim.getValue())) {
                    return false;
                }
            }
            return definition.anyOf().isEmpty() || definition.anyOf().stream()
                    .map(all::get).anyMatch(policy -> policy != null && policy.permits(caller));
        }

        @Override
        public String describe() {
            return definition.describe();
        }

        /** Exact match of a string, number or boolean, or of any element of an array. */
        private static boolean holdsOneOf(Object value, List<String> allowed) {
            if (value instanceof List<?> list) {
                return list.stream().anyMatch(element -> holdsOneOf(element, allowed));
            }
            return (value instanceof String || value instanceof Number || value instanceof Boolean)
                    && allowed.contains(String.valueOf(value));
        }
    }
}
