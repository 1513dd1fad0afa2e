package io.jwtguard.testing;

import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SettingsLoader;
import io.jwtguard.internal.config.SettingsSource;
import java.util.HashMap;
import java.util.Map;

/** Settings for unit tests: HS256 with {@link TestKeys#HMAC_SECRET}, the test issuer and audience. */
public final class TestSettings {

    private TestSettings() {
    }

    public static Map<String, String> hmacValues() {
        Map<String, String> values = new HashMap<>();
        values.put("jwtguard.key", TestKeys.HMAC_SECRET);
        values.put("jwtguard.issuer", Tokens.ISSUER);
        values.put("jwtguard.audience", Tokens.AUDIENCE);
        return values;
    }

    public static Settings hmac() {
        return load(hmacValues());
    }

    /** The HMAC settings with some values changed. */
    public static Settings hmacWith(Map<String, String> changes) {
        Map<String, String> values = hmacValues();
        values.putAll(changes);
        return load(values);
    }

    /**
     * The settings for {@code values}. With {@code -Djwtguard.test.token-cache=off} (the build's second
     * unit-test run) the verified-token cache is off, so every suite proves it never changes a decision.
     */
    public static Settings load(Map<String, String> values) {
        if ("off".equals(System.getProperty("jwtguard.test.token-cache")) && !values.containsKey("jwtguard.token.cache.size")) {
            Map<String, String> off = new HashMap<>(values);
            off.put("jwtguard.token.cache.size", "0");
            values = off;
        }
        try {
            return SettingsLoader.load(SettingsSource.of(values), SettingsSource.empty(),
                    TestSettings.class.getClassLoader());
        } catch (InvalidSettingsException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
