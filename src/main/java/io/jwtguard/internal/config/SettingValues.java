package io.jwtguard.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The effective value of each setting in one block of keys ({@code jwtguard.} or
 * {@code jwtguard.issuers.<name>.}), read as text, flag, list, choice, number or duration, with every
 * problem going to the start-up's {@link Problems} under the key as written in that block. Precedence,
 * highest first: the {@code jwtguard.*} key in MicroProfile Config, the matching {@code mp.jwt.*} key
 * there (top-level block only), the filter's {@code web.xml} init-param, the {@link Setting}'s default.
 * Not thread-safe; used by one start-up.
 */
final class SettingValues {

    static final String TOP_LEVEL = "jwtguard.";

    private final SettingsSource config;
    private final SettingsSource initParams;
    private final Problems problems;
    private final List<String> warnings;
    private final String prefix;

    SettingValues(SettingsSource config, SettingsSource initParams, Problems problems, List<String> warnings) {
        this(config, initParams, problems, warnings, TOP_LEVEL);
    }

    private SettingValues(SettingsSource config, SettingsSource initParams, Problems problems, List<String> warnings,
            String prefix) {
        this.config = config;
        this.initParams = initParams;
        this.problems = problems;
        this.warnings = warnings;
        this.prefix = prefix;
    }

    /** The same sources read under {@code prefix} (e.g. {@code jwtguard.issuers.keycloak.}). */
    SettingValues block(String blockPrefix) {
        return new SettingValues(config, initParams, problems, warnings, blockPrefix);
    }

    boolean topLevel() {
        return prefix.equals(TOP_LEVEL);
    }

    /** Every key either source can list, sorted. */
    Set<String> names() {
        Set<String> keys = new TreeSet<>();
        config.names().forEach(keys::add);
        initParams.names().forEach(keys::add);
        return keys;
    }

    /**
     * Where {@code setting} was looked for and not found: its names (environment form too, and the
     * MicroProfile JWT key) and every place the sources read, so a value put in the wrong file or under
     * the wrong name is found from the message alone.
     */
    String lookedFor(Setting setting) {
        List<String> names = new ArrayList<>(List.of(keyOf(setting), SettingNames.environmentName(keyOf(setting))));
        if (topLevel() && setting.microProfileKey() != null) {
            names.add(setting.microProfileKey());
        }
        List<String> places = new ArrayList<>(config.lookedIn());
        if (!initParams.lookedIn().isEmpty()) {
            places.add("the filter's init-params");
        }
        return "looked for " + String.join(", ", names) + " in: " + String.join("; ", places);
    }

    /** Every source's listed names, each with the source it came from, for the unknown-name check. */
    Map<String, String> namesBySource() {
        Map<String, String> names = new TreeMap<>();
        initParams.names().forEach(name -> names.put(name, "init-param"));
        for (String name : config.names()) {
            String environment = SettingNames.environmentName(name);
            if (name.indexOf('.') < 0) {
                names.put(name, "environment variable");
            } else if (SettingNames.ours(name) && !SettingNames.knownKey(name) && config.value(environment).isPresent()) {
                // SmallRye lists an environment variable under a dotted name of its own making
                // (JWTGUARD_CORS_ALLOWED_ORIGINS as jwtguard.cors.allowed.origins): judge it as the variable it is.
                names.put(environment, "environment variable");
            } else {
                names.put(name, "property");
            }
        }
        return names;
    }

    /** The key of {@code setting} in this block. */
    String keyOf(Setting setting) {
        return topLevel() ? setting.key() : prefix + setting.key().substring(TOP_LEVEL.length());
    }

    /** The effective value, trimmed; the default when unset. */
    String text(Setting setting) {
        if (!topLevel()) {
            String value = raw(keyOf(setting));
            return value.isEmpty() ? setting.defaultValue() : value;
        }
        return present(config.value(setting.key()))
                .or(() -> setting.microProfileKey() == null ? Optional.empty()
                        : present(config.value(setting.microProfileKey())))
                .or(() -> present(initParams.value(setting.key())))
                .orElse(setting.defaultValue())
                .trim();
    }

    /** A key's effective value without a {@link Setting}: MicroProfile Config, then the init-param. */
    String raw(String key) {
        return present(config.value(key)).or(() -> present(initParams.value(key))).orElse("").trim();
    }

    boolean bool(Setting setting) {
        String value = text(setting).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            problem(setting, "'" + value + "' is not true or false");
        }
        return !value.equals("false");
    }

    List<String> list(Setting setting) {
        return split(text(setting));
    }

    <E extends Enum<E>> E choice(Setting setting, Class<E> type, E fallback) {
        String value = text(setting);
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        List<String> names = new ArrayList<>();
        for (E candidate : type.getEnumConstants()) {
            names.add(candidate.name().toLowerCase(Locale.ROOT));
        }
        problem(setting, "'" + value + "' is not one of " + String.join(", ", names));
        return fallback;
    }

    /** A whole number within the setting's {@link Bounds}. */
    int number(Setting setting) {
        Bounds bounds = setting.bounds();
        String value = text(setting);
        try {
            int number = Integer.parseInt(value);
            if (bounds.tooSmall(number) || bounds.tooLarge(number)) {
                problem(setting, "is " + number + "; use " + bounds.describe() + defaultNote(setting));
            }
            return number;
        } catch (NumberFormatException e) {
            problem(setting, "'" + value + "' is not a whole number; use " + bounds.describe() + defaultNote(setting));
            return (int) bounds.min();
        }
    }

    /** A duration within the setting's {@link Bounds}; {@code why} says what a too large value would cost. */
    Duration duration(Setting setting, String why) {
        return duration(setting, text(setting), why).orElse(Duration.ZERO);
    }

    /** An optional duration (unset: empty), within the setting's {@link Bounds}. */
    Optional<Duration> optionalDuration(Setting setting, String why) {
        String value = text(setting);
        return value.isEmpty() ? Optional.empty() : duration(setting, value, why);
    }

    private Optional<Duration> duration(Setting setting, String value, String why) {
        Bounds bounds = setting.bounds();
        try {
            Duration duration = Durations.parse(value);
            long millis = duration.toMillis();
            if (bounds.tooSmall(millis)) {
                String what = bounds.minExclusive() && millis == 0 ? "must be positive"
                        : duration.isNegative() ? "is negative" : "is " + value;
                problem(setting, what + "; use " + bounds.describe() + suffix(why) + defaultNote(setting));
                return Optional.empty();
            }
            if (bounds.tooLarge(millis)) {
                problem(setting, "is " + duration.toSeconds() + "s, over the " + bounds.max() / 1000 + "s limit"
                        + suffix(why) + "; use " + bounds.describe() + defaultNote(setting));
            }
            return Optional.of(duration);
        } catch (IllegalArgumentException e) {
            problem(setting, e.getMessage());
            return Optional.empty();
        }
    }

    private static String suffix(String why) {
        return why == null || why.isEmpty() ? "" : "; " + why;
    }

    private String defaultNote(Setting setting) {
        return setting.defaultValue().isEmpty() ? "" : " (default " + setting.defaultValue() + ")";
    }

    void problem(Setting setting, String message) {
        problems.add(keyOf(setting) + ": " + message);
    }

    /** A problem with a key that is no {@link Setting} (policy parts, issuer names). */
    void problem(String message) {
        problems.add(message);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    /** Comma-separated items, trimmed, blanks left out. */
    static List<String> split(String value) {
        List<String> values = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                values.add(item.trim());
            }
        }
        return values;
    }

    private static Optional<String> present(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
