package io.jwtguard.internal.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.GuardedApp;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryMetersTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void install() {
        // As the application or the Java agent installs OpenTelemetry: globally, before JwtGuard starts.
        GlobalOpenTelemetry.resetForTest();
        sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .buildAndRegisterGlobal();
    }

    @AfterEach
    void uninstall() {
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
    }

    private static Optional<MetricData> metric(Collection<MetricData> metrics, String name) {
        return metrics.stream().filter(metric -> metric.getName().equals(name)).findFirst();
    }

    private static long requests(Collection<MetricData> metrics, String result, String reason, String stage) {
        Attributes wanted = Attributes.builder().put("result", result).put("reason", reason).put("stage", stage).build();
        return metric(metrics, "jwtguard.requests").stream()
                .flatMap(metric -> metric.getLongSumData().getPoints().stream())
                .filter(point -> point.getAttributes().equals(wanted)).mapToLong(LongPointData::getValue).sum();
    }

    @Test
    void requestsAreCountedByReasonAndReadBackThroughTheSdk() throws Exception {
        try (GuardedApp app = new GuardedApp(Map.of())) {
            String token = GuardedApp.userToken();
            assertThat(app.status("me", null)).isEqualTo(401);
            assertThat(app.status("me", GuardedApp.expiredToken())).isEqualTo(401);
            assertThat(app.status("admin", token)).isEqualTo(403);
            assertThat(app.status("me", token)).isEqualTo(200);

            Collection<MetricData> metrics = reader.collectAllMetrics();
            assertThat(requests(metrics, "refused", "missing_token", "authentication")).isEqualTo(1);
            assertThat(requests(metrics, "refused", "token_expired", "authentication")).isEqualTo(1);
            assertThat(requests(metrics, "refused", "insufficient_role", "authorization")).isEqualTo(1);
            assertThat(requests(metrics, "allowed", "none", "authorization")).isEqualTo(1);

            MetricData duration = metric(metrics, "jwtguard.authentication.duration").orElseThrow();
            assertThat(duration.getUnit()).isEqualTo("s");
            assertThat(duration.getHistogramData().getPoints()).extracting(point -> point.getAttributes()
                    .get(AttributeKey.stringKey("result")), HistogramPointData::getCount)
                    .contains(org.assertj.core.groups.Tuple.tuple("failure", 1L),
                            org.assertj.core.groups.Tuple.tuple("none", 1L));

            // The same token twice: verified once, then answered by the cache.
            LongPointData hits = metric(metrics, "jwtguard.token.cache.gets").orElseThrow().getLongSumData().getPoints()
                    .stream().filter(point -> "hit".equals(point.getAttributes().get(AttributeKey.stringKey("result"))))
                    .findFirst().orElseThrow();
            assertThat(hits.getValue()).isEqualTo(1);
            assertThat(metric(metrics, "jwtguard.token.cache.size").orElseThrow().getLongGaugeData().getPoints())
                    .extracting(LongPointData::getValue).containsExactly(1L);
        }
    }

    @Test
    void aStoppedApplicationIsNoLongerRead() throws Exception {
        GuardedApp app = new GuardedApp(Map.of());
        assertThat(metric(reader.collectAllMetrics(), "jwtguard.revocation.replica.size")).isPresent();
        app.close();
        assertThat(metric(reader.collectAllMetrics(), "jwtguard.revocation.replica.size")).isEmpty();
    }

    @Test
    void theDecisionIsRecordedOnTheCurrentSpan() throws Exception {
        try (GuardedApp app = new GuardedApp(Map.of())) {
            Span refused = sdk.getTracer("server").spanBuilder("GET /api/me").startSpan();
            try (Scope scope = refused.makeCurrent()) {
                assertThat(app.status("me", GuardedApp.expiredToken())).isEqualTo(401);
            } finally {
                refused.end();
            }
            Span allowed = sdk.getTracer("server").spanBuilder("GET /api/me").startSpan();
            try (Scope scope = allowed.makeCurrent()) {
                assertThat(app.status("me", GuardedApp.userToken())).isEqualTo(200);
            } finally {
                allowed.end();
            }
        }
        SpanData refused = spans.getFinishedSpanItems().get(0);
        assertThat(refused.getAttributes().get(AttributeKey.stringKey("jwtguard.result"))).isEqualTo("refused");
        assertThat(refused.getAttributes().get(AttributeKey.stringKey("jwtguard.reason"))).isEqualTo("token_expired");
        assertThat(refused.getEvents()).extracting(EventData::getName).containsExactly("jwtguard.refused");
        assertThat(refused.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("jwtguard.stage")))
                .isEqualTo("authentication");
        SpanData allowed = spans.getFinishedSpanItems().get(1);
        assertThat(allowed.getAttributes().get(AttributeKey.stringKey("jwtguard.result"))).isEqualTo("allowed");
        assertThat(allowed.getEvents()).isEmpty();
    }

    @Test
    void withoutACurrentSpanNothingIsRecordedAndNothingFails() throws Exception {
        try (GuardedApp app = new GuardedApp(Map.of())) {
            assertThat(app.status("me", GuardedApp.expiredToken())).isEqualTo(401);
        }
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void withNothingInstalledGloballyNoMeterIsBuiltAndNothingIsTimed() {
        GlobalOpenTelemetry.resetForTest();
        io.jwtguard.internal.telemetry.Exporter exporter = OpenTelemetryMeters.global(
                new io.jwtguard.testing.FixedReadings(), true, true);

        assertThat(exporter.timesAuthentication()).isFalse();
        assertThat(GlobalOpenTelemetry.isSet()).as("asking never fixes the global instance").isFalse();
        exporter.refused(io.jwtguard.Reason.TOKEN_EXPIRED);
        assertThat(reader.collectAllMetrics()).isEmpty();
    }

    @Test
    void theSettingsTurnMetricsAndTracingOffApart() throws Exception {
        try (GuardedApp app = new GuardedApp(Map.of("jwtguard.metrics.opentelemetry", "false"))) {
            Span span = sdk.getTracer("server").spanBuilder("GET /api/me").startSpan();
            try (Scope scope = span.makeCurrent()) {
                app.status("me", null);
            } finally {
                span.end();
            }
        }
        assertThat(metric(reader.collectAllMetrics(), "jwtguard.requests")).isEmpty();
        assertThat(spans.getFinishedSpanItems().get(0).getAttributes().get(AttributeKey.stringKey("jwtguard.reason")))
                .isEqualTo("missing_token");
    }
}
