package io.jwtguard.internal.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings by concern: the authorization policies defined in configuration,
 * {@code jwtguard.policy.<Name>.roles | scopes | claims.<claim> | any-of | acr | max-age}, checked for unknown
 * parts, empty policies, {@code any-of} names that do not exist and cycles, and step-up parts that cannot work.
 * Not thread-safe; used once per start-up.
 */
final class PolicySettingsReader {

    static final String POLICY_PREFIX = "jwtguard.policy.";

    private final SettingValues values;

    PolicySettingsReader(SettingValues values) {
        this.values = values;
    }

    /** Every {@code jwtguard.policy.<Name>.<part>} key that the sources can list. */
    Map<String, PolicyDefinition> policies() {
        Set<String> keys = values.names();
        Map<String, Map<String, String>> parts = new TreeMap<>();
        for (String key : keys) {
            if (!key.startsWith(POLICY_PREFIX)) {
                continue;
            }
            String rest = key.substring(POLICY_PREFIX.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String part = dot < 0 ? "" : rest.substring(dot + 1);
            if (!name.matches("[A-Za-z0-9_-]+")) {
                values.problem(key + ": policy names use letters, digits, '_' and '-' only");
            } else if (!part.equals("roles") && !part.equals("scopes") && !part.equals("any-of")
                    && !part.equals("acr") && !part.equals("max-age")
                    && !(part.startsWith("claims.") && part.length() > "claims.".length())) {
                values.problem(key + ": unknown policy part '" + part + "'; use " + POLICY_PREFIX + name
                        + ".roles, .scopes, .claims.<claim>, .any-of, .acr or .max-age");
            } else {
                parts.computeIfAbsent(name, n -> new TreeMap<>()).put(part, values.raw(key));
            }
        }
        Map<String, PolicyDefinition> policies = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> policy : parts.entrySet()) {
            Map<String, List<String>> claims = new TreeMap<>();
            policy.getValue().forEach((part, value) -> {
                if (part.startsWith("claims.")) {
                    claims.put(part.substring("claims.".length()), SettingValues.split(value));
                }
            });
            PolicyDefinition definition = new PolicyDefinition(policy.getKey(),
                    SettingValues.split(policy.getValue().getOrDefault("roles", "")), SettingValues.split(policy.getValue().getOrDefault("scopes", "")),
                    claims, SettingValues.split(policy.getValue().getOrDefault("any-of", "")),
                    acr(policy.getKey(), policy.getValue()), maxAgeSeconds(policy.getKey(), policy.getValue()));
            if (definition.describe().isEmpty()) {
                values.problem(POLICY_PREFIX + policy.getKey() + ": the policy requires nothing; give it roles, scopes,"
                        + " claims or any-of, or remove it");
            }
            policies.put(policy.getKey(), definition);
        }
        for (PolicyDefinition definition : policies.values()) {
            for (String other : definition.anyOf()) {
                if (!policies.containsKey(other)) {
                    values.problem(POLICY_PREFIX + definition.name() + ".any-of: names '" + other
                            + "', which is not defined in configuration");
                } else if (policies.get(other).stepsUp()) {
                    // Within any-of a policy is a yes or no; a step-up needs its own 401 challenge.
                    values.problem(POLICY_PREFIX + definition.name() + ".any-of: names '" + other + "', which has"
                            + " acr or max-age; step-up cannot be one alternative of several: name that policy in"
                            + " @Authorize(policy = ...) itself, or move acr / max-age to " + POLICY_PREFIX
                            + definition.name());
                }
            }
        }
        checkNoCycles(policies);
        return policies;
    }

    /** Step-up {@code acr}: set means at least one value (each is checked where the rule is built). */
    private List<String> acr(String name, Map<String, String> parts) {
        if (!parts.containsKey("acr")) {
            return List.of();
        }
        List<String> acr = SettingValues.split(parts.get("acr"));
        if (acr.isEmpty()) {
            values.problem(POLICY_PREFIX + name + ".acr: names no acr value; list the authentication context classes"
                    + " (e.g. 2,gold), or remove the setting");
        }
        return acr;
    }

    /** Step-up {@code max-age}: whole seconds, 0 or more ({@code 300}, {@code 5m}, {@code PT5M}); unset: -1. */
    private long maxAgeSeconds(String name, Map<String, String> parts) {
        String value = parts.get("max-age");
        if (value == null) {
            return -1;
        }
        String key = POLICY_PREFIX + name + ".max-age";
        try {
            java.time.Duration age = Durations.parse(value);
            if (age.isNegative() || age.getNano() != 0) {
                values.problem(key + ": '" + value + "' is not a whole number of seconds, 0 or more; e.g. 300, 5m or"
                        + " PT5M, the most time since the user signed in (auth_time)");
                return -1;
            }
            return age.toSeconds();
        } catch (IllegalArgumentException e) {
            values.problem(key + ": " + e.getMessage());
            return -1;
        }
    }

    private void checkNoCycles(Map<String, PolicyDefinition> policies) {
        for (String start : policies.keySet()) {
            Deque<String> pending = new ArrayDeque<>(policies.get(start).anyOf());
            Set<String> seen = new LinkedHashSet<>();
            while (!pending.isEmpty()) {
                String next = pending.pop();
                if (next.equals(start)) {
                    values.problem(POLICY_PREFIX + start + ".any-of: refers back to itself through " + seen);
                    break;
                }
                if (seen.add(next) && policies.containsKey(next)) {
                    pending.addAll(policies.get(next).anyOf());
                }
            }
        }
    }
}
