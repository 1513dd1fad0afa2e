package io.jwtguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.testing.TestSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevocationSettingsTest {

    private static Settings load(Map<String, String> changes) throws InvalidSettingsException {
        Map<String, String> values = new HashMap<>(TestSettings.hmacValues());
        values.putAll(changes);
        return SettingsLoader.load(SettingsSource.of(values), SettingsSource.empty(), RevocationSettingsTest.class.getClassLoader());
    }

    @Test
    void theDefaultIsTheMemoryStoreRefusingWhenStale() throws Exception {
        RevocationSettings revocation = load(Map.of()).revocation();

        assertThat(revocation.memory()).isTrue();
        assertThat(revocation.describe()).isEqualTo("in memory (this instance only)");
        assertThat(revocation.syncInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(revocation.maxStale()).isEqualTo(Duration.ofSeconds(30));
        assertThat(revocation.refuseWhenStale()).isTrue();
        assertThat(revocation.refreshTokenLifetime()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void redisSettingsAreDescribedWithoutThePassword() throws Exception {
        RevocationSettings revocation = load(Map.of("jwtguard.revocation.store", "redis",
                "jwtguard.revocation.redis.url", "rediss://cache.internal:6380/2",
                "jwtguard.revocation.redis.password", "s3cret-password")).revocation();

        assertThat(revocation.describe()).isEqualTo("redis rediss://cache.internal:6380/2 (password set), sync every"
                + " 5000 ms, max stale 30 s then refuse").doesNotContain("s3cret");
        assertThat(revocation.toString()).doesNotContain("s3cret");
    }

    @Test
    void everyRevocationProblemIsReportedAtOnceAndNoPasswordIsRepeated() {
        assertThatThrownBy(() -> load(Map.of("jwtguard.revocation.store", "redis",
                "jwtguard.revocation.redis.url", "redis://user:hunter2-password@cache:6379",
                "jwtguard.revocation.sync-interval", "10s", "jwtguard.revocation.max-stale", "15s",
                "jwtguard.revocation.on-store-failure", "ignore")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("jwtguard.revocation.redis.url: holds a user or password; remove it from the URL"
                        + " and set JWTGUARD_REVOCATION_REDIS_PASSWORD")
                .hasMessageContaining("jwtguard.revocation.max-stale: is 15000 ms, less than twice")
                .hasMessageContaining("jwtguard.revocation.on-store-failure: 'ignore' is not refuse or allow")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void redisWithoutAUrlAndAUrlWithoutRedisAreProblems() {
        assertThatThrownBy(() -> load(Map.of("jwtguard.revocation.store", "redis")))
                .hasMessageContaining("jwtguard.revocation.redis.url: is required with jwtguard.revocation.store=redis");
        assertThatThrownBy(() -> load(Map.of("jwtguard.revocation.redis.url", "redis://cache:6379")))
                .hasMessageContaining("is set, but jwtguard.revocation.store is 'memory'");
        assertThatThrownBy(() -> load(Map.of("jwtguard.revocation.store", "redis",
                "jwtguard.revocation.redis.url", "http://cache:6379")))
                .hasMessageContaining("is not a redis:// or rediss:// URL");
        assertThatThrownBy(() -> load(Map.of("jwtguard.revocation.store", "not a class")))
                .hasMessageContaining("is not memory, redis or a class name");
    }

    @Test
    void allowIsAWarningForASharedStore() throws Exception {
        Settings settings = load(Map.of("jwtguard.revocation.store", "redis",
                "jwtguard.revocation.redis.url", "redis://cache:6379", "jwtguard.revocation.on-store-failure", "allow"));

        assertThat(settings.revocation().refuseWhenStale()).isFalse();
        assertThat(settings.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("tokens signed out on another instance are accepted here"));
    }
}
