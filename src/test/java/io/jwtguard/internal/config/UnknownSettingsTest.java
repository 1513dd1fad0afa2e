package io.jwtguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A key JwtGuard does not read must never be ignored in silence: a misspelling is refused with its fix. */
class UnknownSettingsTest {

    private static final String SECRET = SettingsLoaderTest.valid().get("jwtguard.key");

    private static Map<String, String> valid() {
        return SettingsLoaderTest.valid();
    }

    private static Settings load(SettingsSource config, SettingsSource initParams) throws InvalidSettingsException {
        return SettingsLoader.load(config, initParams, UnknownSettingsTest.class.getClassLoader());
    }

    private static List<String> problems(SettingsSource config, SettingsSource initParams) {
        try {
            load(config, initParams);
        } catch (InvalidSettingsException e) {
            return e.problems();
        }
        throw new AssertionError("expected the settings to be refused");
    }

    private static Map<String, String> with(String key, String value) {
        return SettingsLoaderTest.with(key, value);
    }

    @ParameterizedTest
    @CsvSource({
        "jwtguard.audiance, jwtguard.audience",
        "jwtguard.roles.claims, jwtguard.roles.claim",
        "jwtguard.clockskew, jwtguard.clock-skew",
        "jwtguard.cors.allowed-origin, jwtguard.cors.allowed-origins",
        "jwtguard.issuers.keycloak.audiance, jwtguard.issuers.keycloak.audience",
        "jwtguard.metrics.micrometre, jwtguard.metrics.micrometer",
        "jwtguard.tracing.open-telemetry, jwtguard.tracing.opentelemetry",
    })
    void aMisspeltKeyFailsStartUpNamingTheClosestKey(String misspelt, String meant) {
        assertThat(problems(SettingsSource.of(with(misspelt, "x")), SettingsSource.empty()))
                .anySatisfy(problem -> assertThat(problem).startsWith(misspelt + ": no such setting")
                        .contains("did you mean " + meant + "?").contains("jwtguard.unknown-settings=warn"));
    }

    @Test
    void theMeterSettingsAreKnownAndRead() throws InvalidSettingsException {
        Map<String, String> values = new HashMap<>(valid());
        values.put("jwtguard.metrics.micrometer", "false");
        values.put("jwtguard.metrics.opentelemetry", "false");
        values.put("jwtguard.tracing.opentelemetry", "false");

        Settings settings = load(SettingsSource.of(values), SettingsSource.empty());

        assertThat(settings.telemetry()).isEqualTo(new TelemetrySettings(false, false, false));
        assertThat(settings.warnings()).isEmpty();
        assertThat(load(SettingsSource.of(valid()), SettingsSource.empty()).telemetry())
                .isEqualTo(new TelemetrySettings(true, true, true));
    }

    @Test
    void aMisspeltEnvironmentVariableFailsStartUpNamingTheVariableThatWorks(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("microprofile-config.properties");
        Files.writeString(file, "jwtguard.issuer=https://issuer.test\njwtguard.audience=api\n");
        SettingsSource config = BuiltInSettings.forFile(file,
                Map.of("JWTGUARD_KEY", SECRET, "JWTGUARD_AUDIANCE", "api", "PATH", "/usr/bin"), new Properties());

        assertThat(problems(config, SettingsSource.empty())).singleElement().asString()
                .startsWith("JWTGUARD_AUDIANCE: no such setting (environment variable)")
                .contains("did you mean JWTGUARD_AUDIENCE?");
    }

    @Test
    void aMisspeltSystemPropertyFailsStartUp(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("microprofile-config.properties");
        Files.writeString(file, "jwtguard.issuer=https://issuer.test\njwtguard.audience=api\n");
        Properties system = new Properties();
        system.setProperty("jwtguard.kye", SECRET);
        system.setProperty("jwtguard.key", SECRET);

        assertThat(problems(BuiltInSettings.forFile(file, Map.of(), system), SettingsSource.empty()))
                .singleElement().asString().contains("jwtguard.kye: no such setting (property)")
                .contains("did you mean jwtguard.key?");
    }

    @Test
    void aMisspeltInitParamFailsStartUpSayingItIsAnInitParam() {
        assertThat(problems(SettingsSource.of(valid()), SettingsSource.of(Map.of("jwtguard.realms", "api",
                "not-ours", "kept"))))
                .singleElement().asString().startsWith("jwtguard.realms: no such setting (init-param)")
                .contains("did you mean jwtguard.realm?");
    }

    @Test
    void warnOnlyLogsTheUnknownKeyAndStarts() throws InvalidSettingsException {
        Map<String, String> values = with("jwtguard.audiance", "api");
        values.put("jwtguard.unknown-settings", "warn");

        Settings settings = load(SettingsSource.of(values), SettingsSource.empty());

        assertThat(settings.warnings()).anySatisfy(warning -> assertThat(warning)
                .startsWith("jwtguard.audiance: no such setting").contains("did you mean jwtguard.audience?"));
    }

    @Test
    void theModeItselfIsChecked() {
        assertThat(problems(SettingsSource.of(with("jwtguard.unknown-settings", "ignore")), SettingsSource.empty()))
                .containsExactly("jwtguard.unknown-settings: 'ignore' is not one of fail, warn");
    }

    @Test
    void everyKnownKeyPolicyKeyIssuerBlockAndOverridingVariableIsAccepted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("microprofile-config.properties");
        Files.writeString(file, String.join("\n", "jwtguard.issuer=https://issuer.test", "jwtguard.audience=api",
                "jwtguard.policy.Admins.roles=Admin", "jwtguard.policy.Finance.claims.department=finance",
                "jwtguard.issuers.partner.issuer=https://partner.test", "jwtguard.issuers.partner.audience=api",
                "jwtguard.issuers.partner.key=" + SECRET, "mp.jwt.verify.clock.skew=30", "other.library.key=1"));
        Map<String, String> environment = Map.of("JWTGUARD_KEY", SECRET, "JWTGUARD_CLOCK_SKEW", "10s",
                "JWTGUARD_POLICY_ADMINS_ROLES", "Root", "JWTGUARD_ISSUERS_PARTNER_AUDIENCE", "api2",
                "HOME", "/root");

        Settings settings = load(BuiltInSettings.forFile(file, environment, new Properties()), SettingsSource.empty());

        assertThat(settings.policies()).containsKeys("Admins", "Finance");
        assertThat(settings.trusted()).hasSize(2);
        assertThat(settings.warnings()).noneMatch(warning -> warning.contains("no such setting"));
    }

    @Test
    void anEnvironmentVariableCannotDefineAPolicyOfItsOwnAndSaysSo() {
        SettingsSource config = new SettingsSource() {
            @Override
            public java.util.Optional<String> value(String key) {
                return java.util.Optional.ofNullable(valid().get(key));
            }

            @Override
            public Iterable<String> names() {
                return List.of("jwtguard.key", "jwtguard.issuer", "jwtguard.audience", "JWTGUARD_POLICY_ADMINS_ROLES");
            }
        };

        assertThat(problems(config, SettingsSource.empty())).singleElement().asString()
                .startsWith("JWTGUARD_POLICY_ADMINS_ROLES: no such setting (environment variable)")
                .contains("cannot define a policy or an issuer").contains("jwtguard.policy.<name>.<part>");
    }

    @Test
    void theSampleConfigurationHasNoUnknownKey() throws Exception {
        Map<String, String> sample = new HashMap<>();
        Properties file = new Properties();
        try (var in = Files.newInputStream(Path.of("config/microprofile-config.properties"))) {
            file.load(in);
        }
        file.stringPropertyNames().forEach(name -> sample.put(name, file.getProperty(name)));
        sample.put("jwtguard.key", SECRET);

        assertThat(sample.keySet()).noneMatch(name -> SettingNames.unknown(name, sample.keySet()));
    }

    @Test
    void aMissingIssuerSaysWhereJwtGuardLooked(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("microprofile-config.properties");
        Files.writeString(file, "jwtguard.audience=api\n");
        SettingsSource config = BuiltInSettings.forFile(file, Map.of("JWTGUARD_KEY", SECRET), new Properties());

        assertThatThrownBy(() -> load(config, SettingsSource.of(Map.of("jwtguard.realm", "api"))))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("jwtguard.issuer: no issuer configured")
                .hasMessageContaining("looked for jwtguard.issuer, JWTGUARD_ISSUER, mp.jwt.verify.issuer in: system"
                        + " properties; environment variables; " + file + "; the filter's init-params");
    }

    @Test
    void distanceCountsEdits() {
        assertThat(SettingNames.distance("jwtguard.audiance", "jwtguard.audience")).isEqualTo(1);
        assertThat(SettingNames.distance("", "abc")).isEqualTo(3);
        assertThat(SettingNames.distance("kitten", "sitting")).isEqualTo(3);
    }

    /** SmallRye lists an environment variable under a dotted name it makes up: every '_' a '.', lower case. */
    private static SettingsSource likeSmallRye(Map<String, String> environment) {
        Map<String, String> values = valid();
        return new SettingsSource() {
            @Override
            public java.util.Optional<String> value(String key) {
                return java.util.Optional.ofNullable(environment.getOrDefault(key, values.get(key)));
            }

            @Override
            public Iterable<String> names() {
                List<String> names = new java.util.ArrayList<>(values.keySet());
                environment.keySet().forEach(name -> names.add(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.')));
                return names;
            }
        };
    }

    @Test
    void anEnvironmentVariableListedUnderSmallRyesDottedNameIsJudgedAsTheVariable() {
        assertThat(problems(likeSmallRye(Map.of("JWTGUARD_CORS_ALLOWED_ORIGINS", "https://app.test",
                "JWTGUARD_AUDIANCE", "api")), SettingsSource.empty()))
                .singleElement().asString().startsWith("JWTGUARD_AUDIANCE: no such setting (environment variable)")
                .contains("did you mean JWTGUARD_AUDIENCE?");
    }
}
