package io.jwtguard;

import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JwtGuard's whole filter path (HS256) for tokens as identity providers issue them ({@link BenchSetup.Shape}), with
 * the verified-token cache at its default size (10,000) unless said otherwise:
 * <ul>
 * <li>{@code cacheHit}: {@code tokens} distinct valid tokens sent in turn, each remembered (1, 1,000, 10,000);</li>
 * <li>{@code cacheMiss}: {@value #MISSES} distinct valid tokens sent in turn, twenty times the cache's size, so
 *     each is verified in full and then offered to the cache (at most 5 % can be hits);</li>
 * <li>{@code cacheOff}: one valid token verified in full each time, the cache turned off;</li>
 * <li>{@code cacheOffDistinct}: the misses' {@value #MISSES} tokens with the cache off: a full check of a token as
 *     cold in the CPU's caches as a miss's, so that a miss against it is what the cache itself costs;</li>
 * <li>{@code expired}: one expired token sent again and again, as a client that keeps one does (never among the
 *     refusals remembered: time decides it, so each is checked in full);</li>
 * <li>{@code forged}: {@value #POOL} distinct tokens with a bad signature sent in turn, fifty times the
 *     refusals remembered, so each is checked in full: a flood that never repeats a token; with
 *     {@code forgeries=1}, one forged token sent again and again (answered from the refusals remembered).</li>
 * </ul>
 * Every refusal goes through the whole refusal path: listeners, log line, counters and the problem body.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// A fixed heap for every row: the 200,000 tokens a miss rotates through would otherwise grow it during the run, and
// the collector's work for that would be counted as the misses'.
@Fork(jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class TokenShapesBenchmark {

    /**
     * Distinct tokens misses rotate through: twenty times the cache's size. The cache keeps the tokens it sees most
     * often, not the latest, so up to 10,000 of them could stay and hit on each turn: at most 5 % of these requests
     * are hits.
     */
    static final int MISSES = 200_000;

    /** Distinct forged tokens a flood rotates through: fifty times the refusals remembered (1,000 by default). */
    static final int POOL = 50_000;

    private static final FilterChain NOTHING = (request, response) -> { };

    @State(Scope.Thread)
    public static class Shaped {
        @Param({"small", "keycloak", "entra"})
        public String shape;

        BenchSetup.Material material;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            material = BenchSetup.material("HS256", BenchSetup.Shape.named(shape));
            System.out.println(shape + " token length " + material.token().length());
        }

        /** {@code count} distinct valid tokens of this shape. */
        String[] distinct(int count) {
            String[] tokens = new String[count];
            for (int i = 0; i < count; i++) {
                tokens[i] = material.another(i);
            }
            return tokens;
        }
    }

    /**
     * Requests sent in turn through one filter. Kept requests are reused (a hit's, a refusal's); with {@code fresh},
     * each request is made anew from its token, as a container's is: a request kept for a long rotation would live
     * in the old generation while the filter writes young objects into it, and the collector's extra work for
     * that would be counted as the filter's.
     */
    abstract static class Rotation {
        JwtGuardFilter filter;
        FakeRequest[] requests;
        String[] tokens;
        final FakeResponse response = new FakeResponse();
        int next;

        void prepare(JwtGuardFilter started, String[] all, boolean fresh, int status, String reason) throws Exception {
            filter = started;
            tokens = fresh ? all : null;
            requests = new FakeRequest[fresh ? 0 : all.length];
            for (int i = 0; i < requests.length; i++) {
                requests[i] = request(all[i]);
            }
            // The first tokens answer as expected before the first measured request (a hit's are all remembered).
            for (int i = 0; i < Math.min(all.length, 10_000); i++) {
                FakeResponse first = new FakeResponse();
                filter.doFilter(request(all[i]), first, NOTHING);
                if (first.getStatus() != status || !first.body().contains(reason)) {
                    throw new IllegalStateException("expected " + status + " " + reason + ", got " + first.getStatus()
                            + " " + first.body());
                }
            }
        }

        private static FakeRequest request(String token) {
            return FakeRequest.get("/api/me").servlet("me").bearer(token);
        }

        int send() throws Exception {
            FakeRequest request;
            if (tokens != null) {
                request = request(tokens[next]);
                next = next + 1 == tokens.length ? 0 : next + 1;
            } else {
                request = requests[next].reset();
                next = next + 1 == requests.length ? 0 : next + 1;
            }
            // Cleared as a container clears a response it reuses (a refusal writes its headers and body).
            response.reset();
            filter.doFilter(request, response, NOTHING);
            return response.getStatus();
        }
    }

    @State(Scope.Thread)
    public static class Hits extends Rotation {
        @Param({"1", "1000", "10000"})
        public int tokens;

        @Setup(Level.Trial)
        public void setUp(Shaped shaped) throws Exception {
            prepare(BenchSetup.filter(shaped.material, true), shaped.distinct(tokens), false, 200, "");
        }
    }

    @State(Scope.Thread)
    public static class Misses extends Rotation {
        /** Distinct tokens in rotation: {@value #MISSES} unless a run says otherwise (to see what their number costs). */
        @Param({"" + MISSES})
        public int pool;

        @Setup(Level.Trial)
        public void setUp(Shaped shaped) throws Exception {
            prepare(BenchSetup.filter(shaped.material, true), shaped.distinct(pool), true, 200, "");
        }
    }

    /**
     * The misses' control: the same {@value #MISSES} distinct tokens in turn with the cache off, so that a miss is
     * compared with a full check of a token as cold in the CPU's caches as its own.
     */
    @State(Scope.Thread)
    public static class DistinctOff extends Rotation {
        @Setup(Level.Trial)
        public void setUp(Shaped shaped) throws Exception {
            prepare(BenchSetup.filter(shaped.material, false), shaped.distinct(MISSES), true, 200, "");
        }
    }

    @State(Scope.Thread)
    public static class Off extends Rotation {
        @Setup(Level.Trial)
        public void setUp(Shaped shaped) throws Exception {
            prepare(BenchSetup.filter(shaped.material, false), new String[] {shaped.material.token()}, true, 200, "");
        }
    }

    @State(Scope.Thread)
    public static class Expired extends Rotation {
        @Setup(Level.Trial)
        public void setUp(Shaped shaped) throws Exception {
            Instant now = Instant.now();
            String expired = shaped.material.sign(0, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
            prepare(BenchSetup.filter(shaped.material, true), new String[] {expired}, false, 401, "token_expired");
        }
    }

    @State(Scope.Thread)
    public static class Forged extends Rotation {
        /** Distinct forged tokens: {@value #POOL}, a flood; 1, a client that keeps sending the same one. */
        @Param({"" + POOL})
        public int forgeries;

        @Setup(Level.Trial)
        public void setUp(Shaped shaped) throws Exception {
            String[] all = shaped.distinct(forgeries);
            for (int i = 0; i < all.length; i++) {
                // The same length, another signature: the last characters of the MAC changed.
                String token = all[i];
                all[i] = token.substring(0, token.length() - 6) + (token.endsWith("AAAAAA") ? "AAAAAE" : "AAAAAA");
            }
            prepare(BenchSetup.filter(shaped.material, true), all, true, 401, "invalid_signature");
        }
    }

    @Benchmark
    public int cacheHit(Hits hits) throws Exception {
        return hits.send();
    }

    @Benchmark
    public int cacheMiss(Misses misses) throws Exception {
        return misses.send();
    }

    @Benchmark
    public int cacheOff(Off off) throws Exception {
        return off.send();
    }

    @Benchmark
    public int cacheOffDistinct(DistinctOff off) throws Exception {
        return off.send();
    }

    @Benchmark
    public int expired(Expired expired) throws Exception {
        return expired.send();
    }

    @Benchmark
    public int forged(Forged forged) throws Exception {
        return forged.send();
    }
}
