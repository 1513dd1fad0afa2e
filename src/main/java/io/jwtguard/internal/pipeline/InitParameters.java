package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.SettingsSource;
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
    static SettingsSource of(ServletContext context, Set<String> filterNames)
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
        return SettingsSource.of(values);
    }

}
