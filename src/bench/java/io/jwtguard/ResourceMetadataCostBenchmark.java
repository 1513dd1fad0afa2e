package io.jwtguard;

import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What being a protected resource (RFC 9728: {@code jwtguard.resource} set, so the metadata is served and every
 * challenge names it) costs the requests that are not for the metadata: an HS256 cache hit, and a request without a
 * token answered 401 with its challenge, each with the resource set and without.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ResourceMetadataCostBenchmark {

    private static final FilterChain NOTHING = (request, response) -> { };
    private static final String RESOURCE = "https://api.example.test/mcp";

    @State(Scope.Thread)
    public static class Setting {
        @Param({"off", "on"})
        public String resource;

        JwtGuardFilter filter;
        FakeRequest hit;
        FakeRequest anonymous;
        FakeResponse response;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            BenchSetup.Material material = BenchSetup.material("HS256", 0);
            Map<String, String> more = resource.equals("on")
                    ? Map.of("jwtguard.resource", RESOURCE, "jwtguard.audience", BenchSetup.AUDIENCE + "," + RESOURCE)
                    : Map.of();
            filter = BenchSetup.started(material, true, more).filter();
            response = new FakeResponse();
            hit = FakeRequest.get("/api/me").servlet("me").bearer(material.token());
            anonymous = FakeRequest.get("/api/me").servlet("me");
            filter.doFilter(hit.reset(), response, NOTHING);
            if (response.getStatus() != 200) {
                throw new IllegalStateException("the benchmark token was refused: " + response.getStatus());
            }
            response = new FakeResponse();
            filter.doFilter(anonymous.reset(), response, NOTHING);
            String challenge = response.getHeader("WWW-Authenticate");
            if (response.getStatus() != 401 || resource.equals("on") != challenge.contains("resource_metadata=")) {
                throw new IllegalStateException("unexpected challenge: " + response.getStatus() + " " + challenge);
            }
        }
    }

    @Benchmark
    public int cacheHit(Setting setting) throws Exception {
        setting.filter.doFilter(setting.hit.reset(), setting.response, NOTHING);
        return setting.response.getStatus();
    }

    @Benchmark
    public int missingTokenChallenge(Setting setting) throws Exception {
        setting.response = new FakeResponse();
        setting.filter.doFilter(setting.anonymous.reset(), setting.response, NOTHING);
        return setting.response.getStatus();
    }
}
