package io.jwtguard.internal.revocation;

import io.jwtguard.internal.redis.RedisRevocationStore;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.RevocationStore;
import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.RevocationStore.Kind;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.testing.MutableClock;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Redis store against a real {@code redis-server}: what a stray value under its prefix, a prefix with glob
 * characters and a fleet's logouts do to the replicas' syncs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisRevocationStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00.250Z"));
    private final List<AutoCloseable> opened = new ArrayList<>();
    private LocalRedis redis;

    @BeforeAll
    void startRedis() throws Exception {
        redis = LocalRedis.start();
    }

    @AfterAll
    void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeAndFlush() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        opened.clear();
        redis.commands().flushall();
    }

    private Settings settings(String prefix, String onFailure) {
        return TestSettings.hmacWith(Map.of("jwtguard.token-issuer.publish", "true",
                "jwtguard.revocation.store", "redis", "jwtguard.revocation.redis.url", redis.url(),
                "jwtguard.revocation.redis.key-prefix", prefix, "jwtguard.revocation.sync-interval", "1m",
                "jwtguard.revocation.max-stale", "2m", "jwtguard.revocation.on-store-failure", onFailure));
    }

    private RedisRevocationStore store(String prefix) throws IOException {
        RedisRevocationStore store = new RedisRevocationStore(settings(prefix, "refuse").revocation(), clock);
        opened.add(store);
        store.start();
        return store;
    }

    private RevocationService service(Settings settings, RevocationStore store) {
        RevocationService service = RevocationService.withStore(settings, clock, store);
        opened.add(service::close);
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
    void aStrayValueUnderThePrefixIsSkippedAndCountedWhileTheRestIsRead() throws Exception {
        RedisRevocationStore store = store("jwtguard:");
        store.revoke(revoked("one"));
        redis.commands().set("jwtguard:revoked:zz", "hello");
        store.revoke(revoked("two"));

        assertThat(store.entries()).extracting(Entry::id).containsExactlyInAnyOrder("one", "two");
        assertThat(store.unreadable()).isEqualTo(1);
    }

    @Test
    void aStrayValueNeitherStopsTheSyncNorMakesEveryRequestA503() throws Exception {
        for (String onFailure : List.of("refuse", "allow")) {
            Settings settings = settings("jwtguard:", onFailure);
            RedisRevocationStore other = store("jwtguard:");
            redis.commands().set("jwtguard:revoked:zz", "hello");
            RevocationService service = service(settings, store("jwtguard:"));
            Authenticator authenticator = new Authenticator(settings, clock);

            // Another instance signs a token out after the stray value is there; this one syncs past max-stale.
            other.revoke(revoked("late"));
            clock.advance(Duration.ofMinutes(3));
            service.syncOnce();
            service.evaluateStaleness();

            assertThat(reason(service.check(authenticator.validate(token("fine"))))).as(onFailure).isEqualTo("authenticated");
            assertThat(reason(service.check(authenticator.validate(token("late"))))).as(onFailure).isEqualTo("token_revoked");
            closeAndFlush();
        }
    }

    @Test
    void aPrefixWithGlobCharactersReadsOnlyItsOwnKeys() throws Exception {
        RedisRevocationStore other = store("jgx:");
        other.revoke(revoked("another-applications"));
        RedisRevocationStore bracketed = store("jg[x]:");
        bracketed.revoke(revoked("ours"));
        RedisRevocationStore starred = store("j*:");

        assertThat(bracketed.entries()).extracting(Entry::id).containsExactly("ours");
        assertThat(starred.entries()).isEmpty();
        assertThat(RedisRevocationStore.globEscaped("a*b?c[d]e\\f")).isEqualTo("a\\*b\\?c\\[d\\]e\\\\f");
    }

    @Test
    void anInstanceThatIsBehindReadsOnlyWhatChangedSinceItsVersion() throws Exception {
        Settings settings = settings("jwtguard:", "refuse");
        RedisRevocationStore other = store("jwtguard:");
        other.revoke(revoked("before"));
        Counting counting = new Counting(store("jwtguard:"));
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
    void theChangeLogKeepsItsLastEntriesOnly() throws Exception {
        RedisRevocationStore store = store("jwtguard:");
        for (int i = 0; i < RedisRevocationStore.LOG_SIZE + 5; i++) {
            store.revoke(revoked("t" + i));
        }

        assertThat(redis.commands().zcard("jwtguard:revocations-log")).isEqualTo(RedisRevocationStore.LOG_SIZE);
        assertThat(store.changesSince(0)).isEmpty();
        assertThat(store.changesSince(store.version() - 2).orElseThrow()).hasSize(2);
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
