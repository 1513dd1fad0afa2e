package io.jwtguard;

import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import jakarta.servlet.FilterChain;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * What revocation costs. {@code cacheHit}: an HS256 verified-token cache hit through the whole filter, with an
 * empty replica and with 10,000 revoked tokens, 10,000 revoked sessions and 1,000 subjects signed out everywhere
 * (none of them the caller's), so the check's cost is the difference. {@code refreshExchange}: one refresh token
 * exchanged for the next pair (a new access token signed, a new refresh token stored hashed, the old one used up),
 * in memory and on a real Redis on loopback ({@code /usr/bin/redis-server}, started here).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RevocationBenchmark {

    private static final FilterChain NOTHING = (request, response) -> { };

    @State(Scope.Thread)
    public static class Hit {
        /** Revoked tokens (and as many sessions, and a tenth as many subjects) in the replica. */
        @Param({"0", "10000"})
        public int revoked;

        JwtGuardFilter filter;
        FakeRequest request;
        FakeResponse response;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            BenchSetup.Material material = BenchSetup.material("HS256");
            BenchSetup.Started started = BenchSetup.started(material, true, Map.of());
            filter = started.filter();
            Revocations revocations = (Revocations) started.context().getAttribute(Revocations.CONTEXT_ATTRIBUTE);
            long exp = Instant.now().plusSeconds(86_400).getEpochSecond();
            for (int i = 0; i < revoked; i++) {
                Map<String, Object> claims = Map.of("iss", BenchSetup.ISSUER, "sub", "user-" + i, "jti", "revoked-" + i,
                        "sid", "session-" + i, "exp", exp, "iat", exp - 86_400);
                JwtPrincipal other = new JwtPrincipal("user-" + i, Set.of("User"), claims);
                revocations.revoke(other);
                if (i % 10 == 0) {
                    revocations.signOutEverywhere(other);
                }
            }
            response = new FakeResponse();
            request = FakeRequest.get("/api/me").servlet("me").bearer(material.token());
            filter.doFilter(request.reset(), response, NOTHING);
            if (response.getStatus() != 200) {
                throw new IllegalStateException("the benchmark token was refused: " + response.getStatus());
            }
        }
    }

    @Benchmark
    public int cacheHit(Hit hit) throws Exception {
        hit.filter.doFilter(hit.request.reset(), hit.response, NOTHING);
        return hit.response.getStatus();
    }

    @State(Scope.Thread)
    public static class Refresh {
        @Param({"memory", "redis"})
        public String store;

        BenchRedis redis;
        TokenIssuer issuer;
        String refreshToken;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Map<String, String> settings = new HashMap<>(Map.of("jwtguard.token-issuer.publish", "true"));
            if (store.equals("redis")) {
                redis = BenchRedis.start();
                settings.put("jwtguard.revocation.store", "redis");
                settings.put("jwtguard.revocation.redis.url", redis.url());
            }
            BenchSetup.Started started = BenchSetup.started(BenchSetup.material("HS256"), true, settings);
            issuer = (TokenIssuer) started.context().getAttribute(TokenIssuer.CONTEXT_ATTRIBUTE);
            refreshToken = issuer.issueWithRefreshToken("bench-user", List.of("User")).refreshToken();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Benchmark
    public TokenIssuer.TokenPair refreshExchange(Refresh refresh) throws Exception {
        TokenIssuer.TokenPair next = refresh.issuer.refresh(refresh.refreshToken);
        refresh.refreshToken = next.refreshToken();
        return next;
    }
}
