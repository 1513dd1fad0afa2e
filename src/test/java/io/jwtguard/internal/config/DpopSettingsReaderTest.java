package io.jwtguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.testing.TestSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code jwtguard.dpop.*} and {@code jwtguard.trusted-proxies}: defaults, and every value that cannot work refused. */
class DpopSettingsReaderTest {

    @Test
    void theDefaultsAllowDpopWithEveryAsymmetricAlgorithmAndNoNonce() {
        DpopSettings dpop = TestSettings.hmac().dpop();
        assertThat(dpop.mode()).isEqualTo(DpopSettings.Mode.ALLOWED);
        assertThat(dpop.algorithms()).isEqualTo(DpopSettings.SUPPORTED);
        assertThat(dpop.maxAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(dpop.nonce()).isFalse();
        assertThat(dpop.trustedProxies().none()).isTrue();
        DpopSettings chosen = TestSettings.hmacWith(Map.of("jwtguard.dpop", "required", "jwtguard.dpop.algorithms",
                "es256, EdDSA", "jwtguard.trusted-proxies", "10.0.0.0/8")).dpop();
        assertThat(chosen.mode()).isEqualTo(DpopSettings.Mode.REQUIRED);
        assertThat(chosen.algorithms()).containsExactly("ES256", "EdDSA");
        assertThat(chosen.trustedProxies().trusts("10.9.9.9")).isTrue();
    }

    @Test
    void everyProblemIsReportedInOnePass() {
        assertThatThrownBy(() -> TestSettings.load(Map.of("jwtguard.key", io.jwtguard.testing.TestKeys.HMAC_SECRET,
                "jwtguard.issuer", "i", "jwtguard.audience", "a", "jwtguard.dpop", "off", "jwtguard.dpop.nonce", "true",
                "jwtguard.dpop.algorithms", "HS256,none,ES257", "jwtguard.dpop.max-age", "1h",
                "jwtguard.trusted-proxies", "proxy.internal")))
                .hasMessageContaining("'HS256' cannot sign a proof")
                .hasMessageContaining("'none' cannot sign a proof")
                .hasMessageContaining("'ES257' is no DPoP proof algorithm")
                .hasMessageContaining("jwtguard.dpop.nonce")
                .hasMessageContaining("jwtguard.dpop.max-age")
                .hasMessageContaining("'proxy.internal' is no IP address");
        assertThatThrownBy(() -> TestSettings.hmacWith(Map.of("jwtguard.dpop", "sometimes")))
                .hasMessageContaining("'sometimes' is not one of off, allowed, required");
    }
}
