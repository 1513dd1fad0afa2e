package io.jwtguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code jwtguard.resource.*}: the well-known URLs, the audience that follows from it, and what start-up refuses. */
class ResourceSettingsTest {

    private static final String RESOURCE = "https://api.example.com/mcp";

    private static ResourceSettings resource(String uri) {
        return new ResourceSettings(uri, List.of(), List.of(), "", "", "", "");
    }

    private static Settings load(Map<String, String> config) throws InvalidSettingsException {
        return SettingsLoader.load(SettingsSource.of(config), SettingsSource.empty(),
                ResourceSettingsTest.class.getClassLoader());
    }

    private static List<String> problems(Map<String, String> config) {
        try {
            load(config);
        } catch (InvalidSettingsException e) {
            return e.problems();
        }
        throw new AssertionError("expected the settings to be refused");
    }

    /** A valid configuration with a resource and no audience of its own. */
    private static Map<String, String> withResource(String... more) {
        Map<String, String> values = SettingsLoaderTest.valid();
        values.remove("jwtguard.audience");
        values.put("jwtguard.resource", RESOURCE);
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return values;
    }

    @ParameterizedTest
    @CsvSource({
            "https://api.example.com/mcp, https://api.example.com/.well-known/oauth-protected-resource/mcp",
            "https://api.example.com/mcp/, https://api.example.com/.well-known/oauth-protected-resource/mcp",
            "https://api.example.com/a/b, https://api.example.com/.well-known/oauth-protected-resource/a/b",
            "https://api.example.com, https://api.example.com/.well-known/oauth-protected-resource",
            "https://api.example.com/, https://api.example.com/.well-known/oauth-protected-resource",
            "http://localhost:8080/mcp, http://localhost:8080/.well-known/oauth-protected-resource/mcp"})
    void theWellKnownSuffixGoesBetweenTheHostAndThePath(String resource, String metadata) {
        assertThat(resource(resource).metadataUrl("")).isEqualTo(metadata);
    }

    @Test
    void aResourceWithAPathIsServedPathInsertedAndBare() {
        assertThat(resource(RESOURCE).metadataPaths())
                .containsExactly("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource");
        assertThat(resource("https://api.example.com/").metadataPaths())
                .containsExactly("/.well-known/oauth-protected-resource");
    }

    @Test
    void anApplicationOutsideTheRootContextServesItUnderItsContextPath() {
        assertThat(resource("https://host.example/shop/mcp").metadataUrl("/shop"))
                .isEqualTo("https://host.example/shop/.well-known/oauth-protected-resource/shop/mcp");
    }

    @Test
    void withoutAResourceNothingIsConfigured() throws InvalidSettingsException {
        Settings settings = load(SettingsLoaderTest.valid());

        assertThat(settings.resource()).isEqualTo(ResourceSettings.NONE);
        assertThat(settings.resource().configured()).isFalse();
    }

    @Test
    void theAudienceDefaultsToTheResource() throws InvalidSettingsException {
        Settings settings = load(withResource());

        assertThat(settings.audiences()).containsExactly(RESOURCE);
        assertThat(settings.resource().resource()).isEqualTo(RESOURCE);
    }

    @Test
    void aConfiguredAudienceThatNamesTheResourceIsKept() throws InvalidSettingsException {
        Settings settings = load(withResource("jwtguard.audience", "legacy-api," + RESOURCE));

        assertThat(settings.audiences()).containsExactly("legacy-api", RESOURCE);
    }

    @Test
    void aConfiguredAudienceThatCannotMatchTheResourceFailsStartUp() {
        assertThat(problems(withResource("jwtguard.audience", "api")))
                .anySatisfy(problem -> assertThat(problem).startsWith("jwtguard.audience: [api] does not accept"
                        + " jwtguard.resource='" + RESOURCE + "'").contains("audience_mismatch"));
        // Exact match: a trailing slash is another audience.
        assertThat(problems(withResource("jwtguard.audience", RESOURCE + "/")))
                .anySatisfy(problem -> assertThat(problem).startsWith("jwtguard.audience:"));
    }

    @Test
    void anIssuerBlocksAudienceMustAcceptTheResourceToo() {
        Map<String, String> values = withResource("jwtguard.issuers.partner.issuer", "https://partner.test",
                "jwtguard.issuers.partner.key", "fedcba9876543210fedcba9876543210",
                "jwtguard.issuers.partner.audience", "partner-api");

        assertThat(problems(values)).anySatisfy(problem -> assertThat(problem)
                .startsWith("jwtguard.issuers.partner.audience: [partner-api] does not accept"));
    }

    @Test
    void withAudienceValidationOffTheResourceIsNoAudience() throws InvalidSettingsException {
        Settings settings = load(withResource("jwtguard.audience.validate", "false"));

        assertThat(settings.audiences()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://api.example.com/mcp | must be an https URL",
            "https://api.example.com/mcp?tenant=1 | has a query or fragment",
            "https://api.example.com/mcp#top | has a query or fragment",
            "api.example.com/mcp | must be an https URL",
            "https://user:secret@api.example.com/mcp | holds credentials"})
    void aResourceThatIsNoHttpsUrlWithoutQueryOrFragmentFailsStartUp(String resource, String message) {
        assertThat(problems(withResource("jwtguard.resource", resource.strip(), "jwtguard.audience", "api")))
                .anySatisfy(problem -> assertThat(problem).startsWith("jwtguard.resource: ").contains(message.strip()));
    }

    @Test
    void theAuthorizationServersDefaultToTheIssuersThatAreUrls() throws InvalidSettingsException {
        assertThat(load(withResource()).resource().authorizationServers()).containsExactly("https://issuer.test");

        Settings named = load(withResource("jwtguard.issuer", "my-app"));
        assertThat(named.resource().authorizationServers()).isEmpty();
        assertThat(named.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("no trusted issuer is a URL").contains("jwtguard.resource.authorization-servers"));
    }

    @Test
    void configuredMetadataIsKept() throws InvalidSettingsException {
        ResourceSettings resource = load(withResource(
                "jwtguard.resource.authorization-servers", "https://login.example.com, https://backup.example.com",
                "jwtguard.resource.scopes-supported", "mcp:tools, mcp:resources",
                "jwtguard.resource.name", "Example MCP server",
                "jwtguard.resource.documentation", "https://docs.example.com/mcp")).resource();

        assertThat(resource.authorizationServers()).containsExactly("https://login.example.com",
                "https://backup.example.com");
        assertThat(resource.scopesSupported()).containsExactly("mcp:tools", "mcp:resources");
        assertThat(resource.name()).isEqualTo("Example MCP server");
        assertThat(resource.documentation()).isEqualTo("https://docs.example.com/mcp");
    }

    @Test
    void badMetadataValuesFailStartUpEachNamed() {
        assertThat(problems(withResource(
                "jwtguard.resource.authorization-servers", "http://login.example.com",
                "jwtguard.resource.scopes-supported", "mcp tools",
                "jwtguard.resource.documentation", "docs")))
                .anySatisfy(p -> assertThat(p).startsWith("jwtguard.resource.authorization-servers: ")
                        .contains("https URL"))
                .anySatisfy(p -> assertThat(p).startsWith("jwtguard.resource.scopes-supported: 'mcp tools'"))
                .anySatisfy(p -> assertThat(p).startsWith("jwtguard.resource.documentation: 'docs'"));
    }

    @Test
    void metadataSettingsWithoutAResourceFailStartUp() {
        Map<String, String> values = SettingsLoaderTest.valid();
        values.put("jwtguard.resource.name", "Orphan");

        assertThat(problems(values)).anySatisfy(problem -> assertThat(problem)
                .startsWith("jwtguard.resource.name: is set but jwtguard.resource is not"));
    }

    @Test
    void theNewKeysAreKnownInBothSpellings() {
        for (String key : List.of("jwtguard.resource", "jwtguard.resource.authorization-servers",
                "jwtguard.resource.scopes-supported", "jwtguard.resource.name", "jwtguard.resource.documentation",
                "jwtguard.resource.policy-uri", "jwtguard.resource.tos-uri")) {
            assertThat(SettingNames.unknown(key, java.util.Set.of())).as(key).isFalse();
            assertThat(SettingNames.unknown(SettingNames.environmentName(key), java.util.Set.of())).as(key).isFalse();
        }
        assertThat(SettingNames.unknown("jwtguard.resource.nmae", java.util.Set.of())).isTrue();
        assertThat(SettingNames.closest("jwtguard.resource.nmae")).isEqualTo("jwtguard.resource.name");
    }
}
