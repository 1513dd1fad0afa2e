package io.jwtguard;

import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.FilterChain;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the optional meters cost on the cheapest request: a verified-token cache hit (HS256, one token) through
 * JwtGuard's whole path, with no meters ({@code off}: both integrations turned off by their settings), with a
 * Micrometer Prometheus registry attached to the global registry JwtGuard reports to ({@code micrometer}: a
 * request counter and the authentication timer per request), and with OpenTelemetry's API present but nothing
 * installed ({@code otel-noop}: what an application with the API and no SDK or agent pays). Target: a hit with
 * {@code micrometer} at most 1.1 times one with {@code off} (docs/performance.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class MetricsCostBenchmark {

    private static final FilterChain NOTHING = (request, response) -> { };

    @State(Scope.Thread)
    public static class Hit {
        @Param({"off", "micrometer", "otel-noop"})
        public String meters;

        JwtGuardFilter filter;
        FakeRequest request;
        FakeResponse response;
        PrometheusMeterRegistry registry;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Map<String, String> settings = switch (meters) {
                case "off" -> Map.of("jwtguard.metrics.micrometer", "false", "jwtguard.metrics.opentelemetry", "false",
                        "jwtguard.tracing.opentelemetry", "false");
                case "micrometer" -> Map.of("jwtguard.metrics.opentelemetry", "false",
                        "jwtguard.tracing.opentelemetry", "false");
                case "otel-noop" -> Map.of("jwtguard.metrics.micrometer", "false");
                default -> throw new IllegalArgumentException(meters);
            };
            if (meters.equals("micrometer")) {
                registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                Metrics.globalRegistry.add(registry);
            }
            BenchSetup.Material material = BenchSetup.material("HS256");
            filter = BenchSetup.started(material, true, settings).filter();
            response = new FakeResponse();
            request = FakeRequest.get("/api/me").servlet("me").bearer(material.token());
            filter.doFilter(request.reset(), response, NOTHING);
            if (response.getStatus() != 200) {
                throw new IllegalStateException("the benchmark token was refused: " + response.getStatus());
            }
            if (registry != null && !registry.scrape().contains("jwtguard_requests_total")) {
                throw new IllegalStateException("JwtGuard reported nothing to the registry");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            filter.destroy();
            if (registry != null) {
                Metrics.globalRegistry.remove(registry);
                registry.close();
            }
        }
    }

    @Benchmark
    public int cacheHit(Hit hit) throws Exception {
        hit.filter.doFilter(hit.request.reset(), hit.response, NOTHING);
        return hit.response.getStatus();
    }
}
