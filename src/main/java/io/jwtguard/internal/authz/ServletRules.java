package io.jwtguard.internal.authz;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One servlet's rules: per HTTP method where a handler is annotated, else the class (or fallback) rule. Immutable.
 *
 * @param defaultRule the rule of every method no annotated handler serves
 * @param byMethod HTTP method to the rule of the handler that serves it
 */
record ServletRules(Rule defaultRule, Map<String, Rule> byMethod) {

    ServletRules {
        byMethod = Collections.unmodifiableMap(new LinkedHashMap<>(byMethod));
    }

    /** Unknown and extension methods get the default rule: fail closed, never open. */
    Rule forMethod(String method) {
        return byMethod.getOrDefault(method, defaultRule);
    }
}
