package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.config.Setting;
import io.jwtguard.internal.config.SettingsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting's effective value as the console shows it, with where it came from, read once when the guard is
 * built (in the order the loader reads them: MicroProfile Config, its {@code mp.jwt.*} key, the filter's
 * init-param, the default). A secret is shown as set or not set, never its value, not even in part. Immutable.
 */
record EffectiveSettings(List<Row> rows, List<String> warnings) {

    /** What is never shown: the HMAC secret, the store's password and URL (which may carry credentials). */
    private static final Set<Setting> SECRETS = Set.of(Setting.KEY, Setting.REVOCATION_REDIS_PASSWORD,
            Setting.REVOCATION_REDIS_URL);

    /**
     * @param value the value, or {@code set} / {@code not set} for a secret
     * @param origin where the value came from
     */
    record Row(String key, String value, String origin, boolean secret) {
    }

    EffectiveSettings {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param warnings the start-up warnings, among them the {@code jwtguard.*} names no setting has (with
     *     {@code jwtguard.unknown-settings=warn}; by default such a name fails start-up instead): names, never values
     */
    static EffectiveSettings read(SettingsSource config, SettingsSource initParams, List<String> warnings) {
        List<Row> rows = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            String origin = "default";
            Optional<String> value = present(config.value(setting.key()));
            if (value.isPresent()) {
                origin = config.origin();
            } else if (setting.microProfileKey() != null
                    && (value = present(config.value(setting.microProfileKey()))).isPresent()) {
                origin = config.origin() + ", " + setting.microProfileKey();
            } else if ((value = present(initParams.value(setting.key()))).isPresent()) {
                origin = "filter init-param";
            }
            boolean secret = isSecret(setting);
            String shown = secret ? (value.isPresent() ? "set, fingerprint " + fingerprint(value.get()) : "not set")
                    : value.orElse(setting.defaultValue()).trim();
            rows.add(new Row(setting.key(), shown, origin, secret));
        }
        return new EffectiveSettings(rows, warnings);
    }

    /** The listed secrets, and any setting whose name says it holds one (so a new one is hidden by default). */
    static boolean isSecret(Setting setting) {
        String key = setting.key().toLowerCase(Locale.ROOT);
        return SECRETS.contains(setting) || key.contains("password") || key.contains("secret");
    }

    /**
     * The first 8 hex digits of the value's SHA-256: enough to tell two configurations' secrets apart, nothing to
     * read the secret from.
     */
    static String fingerprint(String value) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Optional<String> present(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
