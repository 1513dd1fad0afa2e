package io.jwtguard.internal.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.Reason;
import io.jwtguard.Revocations.Outcome;
import io.jwtguard.RevocationStore;
import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.RevocationStore.Kind;
import io.jwtguard.TokenIssuer.RefreshRefused;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.redis.LocalRedis;
import io.jwtguard.internal.redis.RedisRevocationStore;
import io.jwtguard.testing.MutableClock;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

/**
 * The revocation service on a real {@code redis-server}: what a stray value under the prefix and a fleet's logouts
 * do to the replicas' syncs, and that a Redis outage fails closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationServiceOnRedisTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00.250Z"));
    @RegisterExtension
    static final LocalRedis.PerClass redis = new LocalRedis.PerClass();

    private Settings settings(String url, String onFailure) {
        return TestSettings.hmacWith(Map.of("jwtguard.token-issuer.publish", "true",
                "jwtguard.revocation.store", "redis", "jwtguard.revocation.redis.url", url,
                "jwtguard.revocation.redis.key-prefix", "jwtguard:", "jwtguard.revocation.sync-interval", "1m",
                "jwtguard.revocation.max-stale", "2m", "jwtguard.revocation.on-store-failure", onFailure));
    }

    private RedisRevocationStore store(Settings settings) throws IOException {
        RedisRevocationStore store = new RedisRevocationStore(settings.revocation(), clock);
        redis.closeAfterTest(store);
        store.start();
        return store;
    }

    /** The service on {@code store}, wired as {@code forSettings} wires it. */
    private RevocationService service(Settings settings, RevocationStore store) {
        RevocationService service = new RevocationService(settings, clock, new Replica(clock), new Subjects(clock),
                () -> store);
        redis.closeAfterTest(service::close);
        service.start();
        return service;
    }

    private Entry revoked(String jti) {
        return new Entry(Kind.TOKEN, Tokens.ISSUER, jti, clock.instant(), clock.instant().plusSeconds(3600));
    }

    private String token(String jti) {
        return Tokens.valid(clock.instant()).withJWTId(jti).sign(Tokens.hs256());
    }

    private static String reason(AuthenticationResult result) {
        return result.kind() == AuthenticationResult.Kind.AUTHENTICATED ? "authenticated" : result.failure().reason().code();
    }

    @Test
    void aStrayValueNeitherStopsTheSyncNorMakesEveryRequestA503() throws Exception {
        for (String onFailure : List.of("refuse", "allow")) {
            Settings settings = settings(redis.url(), onFailure);
            RedisRevocationStore other = store(settings);
            redis.commands().set("jwtguard:revoked:zz", "hello");
            RevocationService service = service(settings, store(settings));
            Authenticator authenticator = new Authenticator(settings, clock);

            // Another instance signs a token out after the stray value is there; this one syncs past max-stale.
            other.revoke(revoked("late"));
            clock.advance(Duration.ofMinutes(3));
            service.syncOnce();
            service.evaluateStaleness();

            assertThat(reason(service.check(authenticator.validate(token("fine"))))).as(onFailure).isEqualTo("authenticated");
            assertThat(reason(service.check(authenticator.validate(token("late"))))).as(onFailure).isEqualTo("token_revoked");
            redis.reset();
        }
    }

    @Test
    void anInstanceThatIsBehindReadsOnlyWhatChangedSinceItsVersion() throws Exception {
        Settings settings = settings(redis.url(), "refuse");
        RedisRevocationStore other = store(settings);
        other.revoke(revoked("before"));
        Counting counting = new Counting(store(settings));
        RevocationService service = service(settings, counting);
        assertThat(counting.fullReads.get()).isEqualTo(1);
        long seen = other.version();

        other.revoke(revoked("a"));
        other.revoke(revoked("b"));
        assertThat(other.changesSince(seen).orElseThrow()).extracting(Entry::id).containsExactly("a", "b");
        service.syncOnce();

        assertThat(counting.fullReads.get()).isEqualTo(1);
        Authenticator authenticator = new Authenticator(settings, clock);
        assertThat(reason(service.check(authenticator.validate(token("a"))))).isEqualTo("token_revoked");
        assertThat(reason(service.check(authenticator.validate(token("b"))))).isEqualTo("token_revoked");
        assertThat(reason(service.check(authenticator.validate(token("before"))))).isEqualTo("token_revoked");

        // The log gone (or trimmed past this instance's version): every revocation is read again, none lost.
        other.revoke(revoked("c"));
        redis.commands().del("jwtguard:revocations-log");
        other.revoke(revoked("d"));
        assertThat(other.changesSince(other.version() - 2)).isEmpty();
        service.syncOnce();
        assertThat(counting.fullReads.get()).isEqualTo(2);
        assertThat(reason(service.check(authenticator.validate(token("c"))))).isEqualTo("token_revoked");
        assertThat(reason(service.check(authenticator.validate(token("d"))))).isEqualTo("token_revoked");
    }

    @Test
    void whileRedisIsDownTheServiceFailsClosed() throws Exception {
        LocalRedis dying = LocalRedis.start();
        Settings settings = settings(dying.url(), "refuse");
        // Opened by name from the settings, as at start-up.
        Problems problems = new Problems();
        RevocationService service = RevocationService.forSettings(settings, clock, getClass().getClassLoader(), problems);
        problems.throwIfAny();
        redis.closeAfterTest(service::close);
        service.start();
        Authenticator authenticator = new Authenticator(settings, clock);
        String signedOut = token("signed-out");
        service.revoke(authenticator.validate(signedOut).principal());
        String refreshToken = service.newRefreshToken("family", "alice", List.of("User"), Tokens.ISSUER, null);

        dying.close();
        service.syncOnce();
        String during = token("during");

        assertThat(service.revoke(authenticator.validate(during).principal())).isEqualTo(Outcome.PENDING);
        assertThat(reason(service.check(authenticator.validate(during)))).isEqualTo("token_revoked");
        assertThat(reason(service.check(authenticator.validate(token("fine"))))).as("within max-stale")
                .isEqualTo("authenticated");
        assertThatThrownBy(() -> service.redeem(refreshToken, Tokens.ISSUER)).isInstanceOf(RefreshRefused.class)
                .extracting(e -> ((RefreshRefused) e).status()).isEqualTo(503);
        assertThatThrownBy(() -> service.newRefreshToken("other", "alice", List.of(), Tokens.ISSUER, null))
                .isInstanceOf(IOException.class);

        clock.advance(Duration.ofMinutes(3));
        service.evaluateStaleness();
        AuthenticationResult refused = service.check(authenticator.validate(token("fine")));
        assertThat(refused.failure().reason()).isEqualTo(Reason.REVOCATION_UNAVAILABLE);
        assertThat(refused.failure().reason().status()).isEqualTo(503);
        assertThat(reason(service.check(authenticator.validate(signedOut)))).isEqualTo("token_revoked");
    }

    /** Counts the full reads a replica makes. */
    private static final class Counting implements RevocationStore {
        final RevocationStore store;
        final AtomicInteger fullReads = new AtomicInteger();

        Counting(RevocationStore store) {
            this.store = store;
        }

        @Override
        public void start() throws IOException {
            store.start();
        }

        @Override
        public void revoke(Entry entry) throws IOException {
            store.revoke(entry);
        }

        @Override
        public Collection<Entry> entries() throws IOException {
            fullReads.incrementAndGet();
            return store.entries();
        }

        @Override
        public Optional<List<Entry>> changesSince(long version) throws IOException {
            return store.changesSince(version);
        }

        @Override
        public long version() throws IOException {
            return store.version();
        }

        @Override
        public void subscribe(Consumer<Entry> listener) {
            // No push: the version decides what is read.
        }

        @Override
        public void saveRefreshGrant(String tokenHash, RefreshGrant grant) throws IOException {
            store.saveRefreshGrant(tokenHash, grant);
        }

        @Override
        public RefreshGrant useRefreshGrant(String tokenHash) throws IOException {
            return store.useRefreshGrant(tokenHash);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
