package io.jwtguard;

import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import jakarta.servlet.FilterChain;
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
 * What a flood of bad tokens costs the server per request, beside what a valid caller's cache hit costs:
 * the whole path (authentication, the refusal's listeners, log line, counters and problem body) for a token
 * with a forged signature, sent again and again as a flood sends it, and for tokens that are not JWTs at all.
 * {@code depth} runs the filter under that many extra stack frames, as a container's threads do (Jetty 12
 * calls a filter about 60 frames deep): an exception's stack trace costs by the frame.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RefusalBenchmark {

    private static final FilterChain NOTHING = (request, response) -> { };

    @State(Scope.Thread)
    public static class Flood {
        @Param({"0", "60"})
        public int depth;

        JwtGuardFilter filter;
        FakeRequest valid;
        FakeRequest forged;
        FakeRequest garbage;
        FakeResponse response;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            BenchSetup.Material material = BenchSetup.material("HS256");
            filter = BenchSetup.filter(material, true);
            response = new FakeResponse();
            String token = material.token();
            valid = FakeRequest.get("/api/me").servlet("me").bearer(token);
            forged = FakeRequest.get("/api/me").servlet("me")
                    .bearer(token.substring(0, token.lastIndexOf('.') + 1) + "Zm9yZ2VkLXNpZ25hdHVyZQ");
            garbage = FakeRequest.get("/api/me").servlet("me").bearer("bm90LWEtand0.bm90LWEtand0.bm90LWEtand0");
            expect(valid, 200);
            expect(forged, 401);
            expect(garbage, 401);
        }

        private void expect(FakeRequest request, int status) throws Exception {
            filter.doFilter(request.reset(), response, NOTHING);
            if (response.getStatus() != status) {
                throw new IllegalStateException("expected " + status + ", got " + response.getStatus());
            }
            response = new FakeResponse();
        }

        int send(FakeRequest request, int frames) throws Exception {
            if (frames > 0) {
                return send(request, frames - 1);
            }
            FakeResponse fresh = new FakeResponse();
            filter.doFilter(request.reset(), fresh, NOTHING);
            return fresh.getStatus();
        }
    }

    @Benchmark
    public int validCacheHit(Flood flood) throws Exception {
        return flood.send(flood.valid, flood.depth);
    }

    @Benchmark
    public int forgedSignature(Flood flood) throws Exception {
        return flood.send(flood.forged, flood.depth);
    }

    @Benchmark
    public int notAJwt(Flood flood) throws Exception {
        return flood.send(flood.garbage, flood.depth);
    }
}
