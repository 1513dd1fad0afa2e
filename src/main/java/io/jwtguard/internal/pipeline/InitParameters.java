package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.config.InvalidSettingsException;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The init-params of an application's JwtGuard filters, read as one settings source. */
final class InitParameters {

    private InitParameters() {
    }

    /**
     * The init-params of the application's JwtGuard filters, the lowest-priority settings. Listed so that open-ended
     * keys (policies, named issuers) are found there too; filters that give one key two values are a problem, since
     * one guard serves them all.
     */
    static Map<String, String> of(ServletContext context, Set<String> filterNames)
            throws InvalidSettingsException {
        Map<String, String> values = new HashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (String name : filterNames) {
            FilterRegistration registration = context.getFilterRegistration(name);
            Map<String, String> params = registration == null ? Map.of() : registration.getInitParameters();
            params.forEach((key, value) -> {
                String earlier = values.putIfAbsent(key, value);
                if (earlier != null && !earlier.equals(value)) {
                    conflicts.add(key + ": the JwtGuard filters' init-params give it two values; one JwtGuard serves"
                            + " them all, so give it once (or in MicroProfile Config)");
                }
            });
        }
        if (!conflicts.isEmpty()) {
            throw new InvalidSettingsException(conflicts);
        }
        return Map.copyOf(values);
    }

    /**
     * The init-params of filter {@code filterName} that the guard, built before that filter was registered, did not
     * read (a filter registered in code by a listener that ran after JwtGuard's): a problem each, never ignored.
     */
    static List<String> unread(ServletContext context, String filterName, Map<String, String> read) {
        FilterRegistration registration = context.getFilterRegistration(filterName);
        Map<String, String> params = registration == null ? Map.of() : registration.getInitParameters();
        List<String> unread = new ArrayList<>();
        params.forEach((key, value) -> {
            if (!value.equals(read.get(key))) {
                unread.add(key + ": an init-param of filter '" + filterName + "', which was registered after JwtGuard"
                        + " read its settings, so it would be ignored; give it in MicroProfile Config, or register"
                        + " the filter before JwtGuardContextListener runs");
            }
        });
        return unread;
    }

}
