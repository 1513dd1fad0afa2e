package io.jwtguard.internal.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.testing.FixedReadings;
import io.jwtguard.testing.GuardedApp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicrometerMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void attach() {
        // Meters of applications other tests left running: a meter of the same name and tags would be theirs.
        Metrics.globalRegistry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("jwtguard."))
                .toList().forEach(Metrics.globalRegistry::remove);
        // As a framework or an application attaches its registry: to the global one JwtGuard reports to.
        Metrics.globalRegistry.add(registry);
    }

    @AfterEach
    void detach() {
        Metrics.globalRegistry.remove(registry);
        registry.close();
    }

    private double requests(String result, String reason, String stage) {
        Counter counter = registry.find("jwtguard.requests").tags("result", result, "reason", reason, "stage", stage)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double authentications(String result) {
        FunctionTimer timer = registry.find("jwtguard.authentication.duration").tag("result", result).functionTimer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void requestCountersMoveByReasonThroughTheFilter() throws Exception {
        try (GuardedApp app = new GuardedApp(Map.of())) {
            double missing = requests("refused", "missing_token", "authentication");
            double expired = requests("refused", "token_expired", "authentication");
            double role = requests("refused", "insufficient_role", "authorization");
            double allowed = requests("allowed", "none", "authorization");
            double failures = authentications("failure");

            assertThat(app.status("me", null)).isEqualTo(401);
            assertThat(app.status("me", GuardedApp.expiredToken())).isEqualTo(401);
            assertThat(app.status("me", GuardedApp.expiredToken())).isEqualTo(401);
            assertThat(app.status("admin", GuardedApp.userToken())).isEqualTo(403);
            assertThat(app.status("me", GuardedApp.userToken())).isEqualTo(200);

            assertThat(requests("refused", "missing_token", "authentication") - missing).isEqualTo(1);
            assertThat(requests("refused", "token_expired", "authentication") - expired).isEqualTo(2);
            assertThat(requests("refused", "insufficient_role", "authorization") - role).isEqualTo(1);
            assertThat(requests("allowed", "none", "authorization") - allowed).isEqualTo(1);
            assertThat(authentications("failure") - failures).isEqualTo(2);
            assertThat(authentications("success")).isPositive();
            assertThat(authentications("none")).isPositive();
        }
    }

    @Test
    void everyReasonHasItsCounterBeforeAnyRequest() throws Exception {
        try (GuardedApp app = new GuardedApp(Map.of())) {
            for (Reason reason : Reason.values()) {
                assertThat(registry.find("jwtguard.requests").tag("reason", reason.code()).counter())
                        .as(reason.code()).isNotNull();
            }
            // Only fixed values: a reason code, a stage, a result; never a subject, path or token.
            assertThat(registry.find("jwtguard.requests").counters()).allSatisfy(counter ->
                    assertThat(counter.getId().getTags()).extracting(tag -> tag.getKey())
                            .containsExactlyInAnyOrder("result", "reason", "stage"));
        }
    }

    @Test
    void theSettingLeavesMicrometerAlone() throws Exception {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        Metrics.globalRegistry.remove(registry);
        Metrics.globalRegistry.add(own);
        try (GuardedApp app = new GuardedApp(Map.of("jwtguard.metrics.micrometer", "false"))) {
            app.status("me", null);
            // A counter some earlier application built may be there; this application counts nothing in it.
            Counter missing = own.find("jwtguard.requests").tag("reason", "missing_token").counter();
            assertThat(missing == null ? 0 : missing.count()).isZero();
        } finally {
            Metrics.globalRegistry.remove(own);
        }
    }

    @Test
    void readMetersKeepReadingAfterAGarbageCollection() throws Exception {
        try (GuardedApp app = new GuardedApp(Map.of())) {
            app.status("me", GuardedApp.userToken());
            System.gc();
            // Micrometer holds what a gauge reads weakly: the readings must be held by JwtGuard, not by the test.
            assertThat(registry.get("jwtguard.revocation.replica.size").gauge().value()).isEqualTo(0);
            assertThat(registry.get("jwtguard.token.cache.size").gauge().value()).isEqualTo(1);
        }
    }

    @Test
    void readMetersReportJwtGuardsStateAndLeaveWithTheApplication() {
        FixedReadings readings = new FixedReadings();
        MicrometerMeters meters = new MicrometerMeters(registry, readings);

        assertThat(registry.get("jwtguard.keyset.refreshes").tag("issuer", "corp").functionCounter().count())
                .isEqualTo(7);
        assertThat(registry.get("jwtguard.keyset.refresh.failures").tag("issuer", "corp").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("jwtguard.token.cache.gets").tag("result", "hit").functionCounter().count())
                .isEqualTo(40);
        assertThat(registry.get("jwtguard.token.cache.gets").tag("result", "miss").functionCounter().count())
                .isEqualTo(3);
        assertThat(registry.get("jwtguard.token.cache.size").gauge().value()).isEqualTo(3);
        assertThat(registry.get("jwtguard.revocation.replica.size").gauge().value()).isEqualTo(5);
        assertThat(registry.get("jwtguard.revocation.replica.staleness").timeGauge().value(TimeUnit.SECONDS))
                .isEqualTo(1.5);
        assertThat(registry.get("jwtguard.log.refusals.suppressed").functionCounter().count()).isEqualTo(11);

        readings.hits = 41;
        assertThat(registry.get("jwtguard.token.cache.gets").tag("result", "hit").functionCounter().count())
                .isEqualTo(41);

        meters.refused(Reason.TOKEN_EXPIRED);
        meters.authenticated(AuthenticationResult.Kind.FAILED, 2_000_000);
        assertThat(registry.get("jwtguard.requests").tag("reason", "token_expired").counter().count()).isEqualTo(1);
        assertThat(registry.get("jwtguard.authentication.duration").tag("result", "failure").functionTimer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2);
        assertThat(registry.get("jwtguard.authentication.duration").tag("result", "failure").functionTimer().count())
                .isEqualTo(1);

        meters.close();
        List<String> left = registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).distinct().toList();
        assertThat(left).containsExactly("jwtguard.requests");
    }
}
