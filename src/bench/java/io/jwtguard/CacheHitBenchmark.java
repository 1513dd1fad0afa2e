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
 * A verified-token cache hit through JwtGuard's whole path, by token length (a plain token of about 280 or
 * 580 characters, and one padded to about 8 KiB, the longest accepted by default) and by how many distinct
 * tokens are in rotation (1, 1,000, and 10,000, the default cache size). A hit should cost the same for
 * every length. {@link #exactComparisonFloor} is what any hit that proves the token is the one verified costs here at
 * least, whatever does the remembering: the request's header read, and compared whole with a copy remembered apart.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class CacheHitBenchmark {

    private static final FilterChain NOTHING = (request, response) -> { };

    /** What a servlet or a claims policy does: reads one claim of the caller. */
    private static final FilterChain READS_A_CLAIM = (request, response) -> {
        ((JwtPrincipal) ((jakarta.servlet.http.HttpServletRequest) request).getUserPrincipal()).getClaim("jti")
                .orElseThrow();
    };

    @State(Scope.Thread)
    public static class Hit {
        @Param({"HS256", "RS256", "ES256"})
        public String algorithm;

        /** Characters of padding: 0 gives the plain token; 5500 brings it near 8 KiB. */
        @Param({"0", "5500"})
        public int padding;

        /** Distinct tokens, each sent in turn. */
        @Param({"1", "1000", "10000"})
        public int tokens;

        JwtGuardFilter filter;
        FakeRequest[] requests;
        /** Each request's header as a cache remembers it: an equal copy with its own characters, made in turn. */
        String[] remembered;
        FakeResponse response;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            BenchSetup.Material material = BenchSetup.material(algorithm, padding);
            filter = BenchSetup.filter(material, true);
            response = new FakeResponse();
            requests = new FakeRequest[tokens];
            remembered = new String[tokens];
            for (int i = 0; i < tokens; i++) {
                String token = i == 0 ? material.token() : material.another(i);
                requests[i] = FakeRequest.get("/api/me").servlet("me").bearer(token);
                filter.doFilter(requests[i].reset(), response, NOTHING);
                if (response.getStatus() != 200) {
                    throw new IllegalStateException("the benchmark token was refused: " + response.getStatus());
                }
                remembered[i] = new String(requests[i].getHeader("Authorization").toCharArray());
            }
            System.out.println("token length " + material.token().length());
        }

        FakeRequest request() {
            FakeRequest request = requests[next];
            next = next + 1 == requests.length ? 0 : next + 1;
            return request.reset();
        }
    }

    /**
     * The floor under {@link #cacheHit} in the same rotation: the next request's header compared whole with its
     * remembered copy, and nothing else. In rotation both are out of the CPU's caches, and a longer token has more
     * of both to read, so the algorithms' hits are compared above their own floors too.
     */
    @Benchmark
    public boolean exactComparisonFloor(Hit hit) {
        String remembered = hit.remembered[hit.next];
        return hit.request().getHeader("Authorization").equals(remembered);
    }

    @Benchmark
    public int cacheHit(Hit hit) throws Exception {
        hit.filter.doFilter(hit.request(), hit.response, NOTHING);
        return hit.response.getStatus();
    }

    /** A hit whose servlet reads a claim: the claims of a remembered token are decoded again for each request. */
    @Benchmark
    public int cacheHitReadingAClaim(Hit hit) throws Exception {
        hit.filter.doFilter(hit.request(), hit.response, READS_A_CLAIM);
        return hit.response.getStatus();
    }
}
