package io.jwtguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TestIssuer} registered as JUnit registers it from a static field: with {@code asSystemProperties()} its
 * settings are in place before the first test, so an application configured by nothing else trusts it.
 */
class TestIssuerAsExtensionTest {

    @RegisterExtension
    static final TestIssuer ISSUER = TestIssuer.hmac().asSystemProperties();

    @Test
    void theExtensionSetsTheSettingsAsSystemPropertiesBeforeTheTests() throws Exception {
        assertThat(System.getProperty("jwtguard.issuer")).isEqualTo(ISSUER.issuer());
        assertThat(System.getProperty("jwtguard.key")).isEqualTo(ISSUER.settings().get("jwtguard.key"));

        try (TestKitTest.App app = TestKitTest.App.start(Map.of())) {
            HttpResponse<String> response = app.get(ISSUER.token().subject("dave").roles("Admin").build());

            assertThat(response.body()).isEqualTo("hello dave");
        }
    }
}
