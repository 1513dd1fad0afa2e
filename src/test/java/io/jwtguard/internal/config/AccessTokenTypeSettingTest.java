package io.jwtguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwtguard.token.require-access-token-type} is a setting like any other: known, and read from the environment. */
class AccessTokenTypeSettingTest {

    @Test
    void theEnvironmentFormRequiresTheProfileWithoutAnUnknownSettingProblem(@TempDir Path dir)
            throws IOException, InvalidSettingsException {
        Path file = dir.resolve("microprofile-config.properties");
        Files.writeString(file, "jwtguard.issuer=https://issuer.test\njwtguard.audience=api\n");
        SettingsSource config = BuiltInSettings.forFile(file, Map.of("JWTGUARD_KEY",
                SettingsLoaderTest.valid().get("jwtguard.key"), "JWTGUARD_TOKEN_REQUIRE_ACCESS_TOKEN_TYPE", "true"),
                new Properties());

        Settings settings = SettingsLoader.load(config, SettingsSource.empty(), getClass().getClassLoader());

        assertThat(settings.tokenTypes()).containsExactly("at+jwt");
        assertThat(settings.warnings()).noneMatch(warning -> warning.contains("REQUIRE_ACCESS_TOKEN_TYPE"));
    }

    @Test
    void offByDefault() throws InvalidSettingsException {
        assertThat(Setting.TOKEN_REQUIRE_ACCESS_TOKEN_TYPE.defaultValue()).isEqualTo("false");
        assertThat(SettingsLoader.load(SettingsSource.of(SettingsLoaderTest.valid()), SettingsSource.empty(),
                getClass().getClassLoader()).tokenTypes()).isEmpty();
    }
}
