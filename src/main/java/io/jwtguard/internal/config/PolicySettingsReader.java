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
 * {@code jwtguard.policy.<Name>.roles | scopes | claims.<claim> | any-of}, checked for unknown parts,
 * empty policies, {@code any-of} names that do not exist and cycles. Not thread-safe; used once per start-up.
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
                    && !(part.startsWith("claims.") && part.length() > "claims.".length())) {
                values.problem(key + ": unknown policy part '" + part + "'; use " + POLICY_PREFIX + name
                        + ".roles, .scopes, .claims.<claim> or .any-of");
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
                    claims, SettingValues.split(policy.getValue().getOrDefault("any-of", "")));
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
                }
            }
        }
        checkNoCycles(policies);
        return policies;
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
