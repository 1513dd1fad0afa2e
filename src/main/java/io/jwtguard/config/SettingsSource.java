package io.jwtguard.config;

import java.util.Map;
import java.util.Optional;

/** Where raw setting values come from. Implementations are read once, at filter start-up. */
@FunctionalInterface
public interface SettingsSource {

    /** The raw value of {@code key}, empty when absent. */
    Optional<String> value(String key);

    /** No values at all. */
    static SettingsSource empty() {
        return key -> Optional.empty();
    }

    /** Values from a map, e.g. a filter's init-params or a test's fixture. */
    static SettingsSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key));
    }
}
