package io.jwtguard.internal.config;

import java.util.Map;
import java.util.Optional;

/** Where raw setting values come from. Implementations are read once, at filter start-up. */
public interface SettingsSource {

    /** The raw value of {@code key}, empty when absent. */
    Optional<String> value(String key);

    /**
     * The keys this source can list, for settings whose names are open-ended
     * ({@code jwtguard.policy.<Name>.claims.<claim>}), and to refuse names that are no setting.
     * Environment variables are listed as they are written ({@code JWTGUARD_AUDIENCE}): they cannot be
     * mapped back to dotted names, so open-ended settings are defined in a file or system property (the
     * environment can still override a listed key's value).
     */
    default Iterable<String> names() {
        return java.util.List.of();
    }

    /** Where the values come from, for the start-up line. */
    default String origin() {
        return "the values given";
    }

    /**
     * Every place this source reads, most important first (files by name), for a message that says
     * where a missing setting was looked for.
     */
    default java.util.List<String> lookedIn() {
        return java.util.List.of(origin());
    }

    /** No values at all. */
    static SettingsSource empty() {
        return new SettingsSource() {
            @Override
            public Optional<String> value(String key) {
                return Optional.empty();
            }

            @Override
            public java.util.List<String> lookedIn() {
                return java.util.List.of();
            }
        };
    }

    /** Values from a map, e.g. a filter's init-params or a test's fixture. */
    static SettingsSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new SettingsSource() {
            @Override
            public Optional<String> value(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Iterable<String> names() {
                return copy.keySet();
            }
        };
    }
}
