package io.jwtguard.internal.revocation;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SettingsLoader;
import io.jwtguard.internal.config.SettingsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * The revocation check alone, as every authenticated request runs it after the cache hit: the caller's
 * {@code jti}, {@code sid} and {@code sub} looked up in the replica. With an empty replica, and with 10,000 revoked
 * tokens, 10,000 revoked sessions and 1,000 subjects signed out (none the caller's, so the whole check runs).
 * {@code cacheHitAndCheck} is the authenticator's cache hit followed by the check, for the ratio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RevocationCheckBenchmark {

    @State(Scope.Thread)
    public static class Check {
        @Param({"0", "10000"})
        public int revoked;

        /** {@code memory}, or a shared store (as Redis is): then the check also reads the clock for staleness. */
        @Param({"memory", "shared"})
        public String store;

        RevocationService service;
        Authenticator authenticator;
        AuthenticationResult verified;
        String header;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            String secret = "bench-secret-0123456789-abcdefghijklmnop";
            Map<String, String> values = new java.util.HashMap<>(Map.of("jwtguard.key", secret,
                    "jwtguard.issuer", "https://bench.test", "jwtguard.audience", "bench"));
            if (store.equals("shared")) {
                values.put("jwtguard.revocation.store", SharedStore.class.getName());
            }
            Settings settings = SettingsLoader.load(SettingsSource.of(values), SettingsSource.empty(),
                    getClass().getClassLoader());
            Clock clock = Clock.systemUTC();
            service = RevocationService.forSettings(settings, clock, getClass().getClassLoader(), new Problems());
            service.start();
            long exp = Instant.now().plusSeconds(86_400).getEpochSecond();
            for (int i = 0; i < revoked; i++) {
                JwtPrincipal other = new JwtPrincipal("user-" + i, Set.of("User"), Map.of("iss", "https://bench.test",
                        "sub", "user-" + i, "jti", "revoked-" + i, "sid", "session-" + i, "exp", exp, "iat", exp - 86_400));
                service.revoke(other);
                if (i % 10 == 0) {
                    service.signOutEverywhere(other);
                }
            }
            Instant now = Instant.now();
            String token = JWT.create().withIssuer("https://bench.test").withAudience("bench").withSubject("bench-user")
                    .withIssuedAt(now).withExpiresAt(now.plus(Duration.ofHours(1))).withClaim("roles", List.of("User"))
                    .withJWTId("jti-0123456789").withClaim("sid", "session-of-the-caller")
                    .sign(Algorithm.HMAC256(secret));
            authenticator = new Authenticator(settings, clock);
            header = "Bearer " + token;
            verified = authenticator.authenticate(List.of(header), null);
            verified = authenticator.authenticate(List.of(header), null);
            if (service.check(verified).kind() != AuthenticationResult.Kind.AUTHENTICATED) {
                throw new IllegalStateException("the benchmark token was refused");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            service.close();
        }
    }

    /** A shared store that always answers (the memory store's data, without its "never stale" shortcut). */
    public static final class SharedStore implements io.jwtguard.RevocationStore {
        private final MemoryRevocationStore data = new MemoryRevocationStore(Clock.systemUTC());

        @Override
        public void revoke(Entry entry) {
            data.revoke(entry);
        }

        @Override
        public java.util.Collection<Entry> entries() {
            return data.entries();
        }

        @Override
        public long version() {
            return data.version();
        }

        @Override
        public void saveRefreshGrant(String tokenHash, RefreshGrant grant) {
            data.saveRefreshGrant(tokenHash, grant);
        }

        @Override
        public RefreshGrant useRefreshGrant(String tokenHash) {
            return data.useRefreshGrant(tokenHash);
        }

        @Override
        public void close() {
        }
    }

    @Benchmark
    public AuthenticationResult check(Check state) {
        return state.service.check(state.verified);
    }

    @Benchmark
    public AuthenticationResult cacheHit(Check state) {
        return state.authenticator.authenticate(List.of(state.header), null);
    }

    @Benchmark
    public AuthenticationResult cacheHitAndCheck(Check state) {
        return state.service.check(state.authenticator.authenticate(List.of(state.header), null));
    }
}
