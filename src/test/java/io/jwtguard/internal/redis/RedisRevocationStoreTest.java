package io.jwtguard.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.RevocationStore.Kind;
import io.jwtguard.RevocationStore.RefreshGrant;
import io.jwtguard.internal.config.RevocationSettings;
import io.jwtguard.testing.MutableClock;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import io.lettuce.core.Range;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

/**
 * The Redis store against a real {@code redis-server}: what it writes for a revocation and a refresh grant, what a
 * stray value under its prefix or a prefix with glob characters does, its change log, its channel, and that every
 * operation fails (an {@link IOException}, which the service turns into a refusal) while Redis is down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisRevocationStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00.250Z"));
    @RegisterExtension
    static final LocalRedis.PerClass redis = new LocalRedis.PerClass();

    private static RevocationSettings settings(String url, String prefix) {
        return TestSettings.hmacWith(Map.of("jwtguard.token-issuer.publish", "true",
                "jwtguard.revocation.store", "redis", "jwtguard.revocation.redis.url", url,
                "jwtguard.revocation.redis.key-prefix", prefix, "jwtguard.revocation.sync-interval", "1m",
                "jwtguard.revocation.max-stale", "2m")).revocation();
    }

    private RedisRevocationStore store(String prefix) throws IOException {
        return started(redis.server(), prefix);
    }

    private RedisRevocationStore started(LocalRedis server, String prefix) throws IOException {
        RedisRevocationStore store = new RedisRevocationStore(settings(server.url(), prefix), clock);
        redis.closeAfterTest(store);
        store.start();
        return store;
    }

    private Entry revoked(String jti) {
        return new Entry(Kind.TOKEN, Tokens.ISSUER, jti, clock.instant(), clock.instant().plusSeconds(3600));
    }

    private RefreshGrant grant(String family) {
        return new RefreshGrant(family, "alice|1", List.of("User", "a,b"), clock.instant(),
                clock.instant().plus(Duration.ofDays(1)), false);
    }

    @Test
    void aRevocationIsOneKeyRedisExpiresAtItsExpiryAndMovesTheVersion() throws Exception {
        RedisRevocationStore store = store("jwtguard:");
        Entry entry = new Entry(Kind.SUBJECT, "https://issuer.example/a|b", "alice|admin", clock.instant(),
                clock.instant().plusSeconds(600));

        store.revoke(entry);
        store.revoke(new Entry(Kind.TOKEN, Tokens.ISSUER, "gone", clock.instant().minusSeconds(20),
                clock.instant().minusSeconds(10)));

        assertThat(store.entries()).containsExactly(entry);
        assertThat(store.version()).as("an expired revocation is not written").isEqualTo(1);
        List<String> keys = redis.commands().keys("jwtguard:revoked:*");
        assertThat(keys).hasSize(1);
        assertThat(redis.commands().pttl(keys.get(0))).isBetween(1L, 600_000L);
    }

    @Test
    void aUsedProofIsRecordedOnceForEveryInstanceAndRedisForgetsItAtItsExpiry() throws Exception {
        RedisRevocationStore one = store("jwtguard:");
        RedisRevocationStore other = store("jwtguard:");
        Instant until = clock.instant().plusSeconds(120);

        assertThat(one.recordOnce("proof-a", until)).isTrue();
        assertThat(other.recordOnce("proof-a", until)).as("the same proof on another instance").isFalse();
        assertThat(one.recordOnce("proof-a", until)).isFalse();
        assertThat(other.recordOnce("proof-b", until)).isTrue();
        assertThat(redis.commands().pttl("jwtguard:dpop-proof:proof-a")).isBetween(1L, 120_000L);
        assertThat(redis.commands().keys("jwtguard:dpop-proof:*")).hasSize(2);
    }

    @Test
    void aSharedValueIsTheFirstInstancesForEveryOther() throws Exception {
        RedisRevocationStore one = store("jwtguard:");
        RedisRevocationStore other = store("jwtguard:");

        assertThat(one.shared("dpop-nonce-secret", "first")).isEqualTo("first");
        assertThat(other.shared("dpop-nonce-secret", "second")).isEqualTo("first");
        assertThat(redis.commands().get("jwtguard:shared:dpop-nonce-secret")).isEqualTo("first");
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
    void theChangeLogKeepsItsLastEntriesOnly() throws Exception {
        RedisRevocationStore store = store("jwtguard:");
        for (int i = 0; i < RedisRevocationStore.LOG_SIZE + 5; i++) {
            store.revoke(revoked("t" + i));
        }

        assertThat(redis.commands().zcard("jwtguard:revocations-log")).isEqualTo(RedisRevocationStore.LOG_SIZE);
        assertThat(store.changesSince(0)).isEmpty();
        assertThat(store.changesSince(store.version() - 2).orElseThrow()).hasSize(2);
    }

    @Test
    void theChangeLogAnswersWhatCameAfterAVersionInOrderAndSkipsAnUnreadableLine() throws Exception {
        RedisRevocationStore store = store("jwtguard:");
        store.revoke(revoked("a"));
        store.revoke(revoked("b"));
        store.revoke(revoked("c"));
        redis.commands().zremrangebyscore("jwtguard:revocations-log", Range.create(2, 2));
        redis.commands().zadd("jwtguard:revocations-log", 2, "2|not a revocation");

        assertThat(store.changesSince(0).orElseThrow()).extracting(Entry::id).containsExactly("a", "c");
        assertThat(store.changesSince(1).orElseThrow()).extracting(Entry::id).containsExactly("c");
        assertThat(store.unreadable()).isEqualTo(2);
    }

    @Test
    void aVersionThatIsNotANumberIsAFailureNotAZero() throws Exception {
        RedisRevocationStore store = store("jwtguard:");
        redis.commands().set("jwtguard:revocations-version", "ten");

        assertThatThrownBy(store::version).isInstanceOf(IOException.class).hasMessageContaining("not a number");
    }

    @Test
    void aRevocationReachesAnotherInstancesSubscribersAndForeignMessagesAreIgnored() throws Exception {
        RedisRevocationStore listening = store("jwtguard:");
        BlockingQueue<Entry> heard = new LinkedBlockingQueue<>();
        listening.subscribe(heard::add);
        RedisRevocationStore other = store("jwtguard:");

        redis.commands().publish("jwtguard:revocations", "hello");
        other.revoke(revoked("pushed"));

        // Waits for the push at most this long; the assertion is on what arrives, not when.
        assertThat(heard.poll(10, TimeUnit.SECONDS)).extracting(Entry::id).isEqualTo("pushed");
        assertThat(heard).isEmpty();
    }

    @Test
    void aRefreshGrantIsUsedOnceAtomicallyKeepsItsExpiryAndCanBeRemoved() throws Exception {
        RedisRevocationStore store = store("jwtguard:");
        RefreshGrant grant = grant("family-1");
        store.saveRefreshGrant("hash-1", grant);
        long ttl = redis.commands().pttl("jwtguard:refresh:hash-1");

        RefreshGrant first = store.useRefreshGrant("hash-1");
        RefreshGrant second = store.useRefreshGrant("hash-1");

        assertThat(first).isEqualTo(grant);
        assertThat(second.used()).isTrue();
        assertThat(second.roles()).containsExactly("User", "a,b");
        assertThat(second.subject()).isEqualTo("alice|1");
        assertThat(ttl).isBetween(1L, Duration.ofDays(1).toMillis());
        assertThat(redis.commands().pttl("jwtguard:refresh:hash-1")).as("KEEPTTL").isBetween(1L, ttl);
        assertThat(store.useRefreshGrant("unknown")).isNull();

        store.removeRefreshGrant("hash-1");
        assertThat(store.useRefreshGrant("hash-1")).isNull();
    }

    @Test
    void anExpiredGrantIsNotSavedAndAnUnreadableOneFailsClosed() throws Exception {
        RedisRevocationStore store = store("jwtguard:");
        store.saveRefreshGrant("expired", new RefreshGrant("f", "alice", List.of(), clock.instant().minusSeconds(20),
                clock.instant().minusSeconds(10), false));
        redis.commands().set("jwtguard:refresh:stray", "hello");

        assertThat(redis.commands().exists("jwtguard:refresh:expired")).isZero();
        assertThatThrownBy(() -> store.useRefreshGrant("stray")).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void whileRedisIsDownEveryOperationFailsWithAnIOException() throws Exception {
        LocalRedis dying = LocalRedis.start();
        RedisRevocationStore store;
        try {
            store = started(dying, "jwtguard:");
            store.revoke(revoked("before"));
        } finally {
            dying.close();
        }

        assertThatThrownBy(() -> store.revoke(revoked("after"))).isInstanceOf(IOException.class);
        assertThatThrownBy(store::entries).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.changesSince(0)).isInstanceOf(IOException.class);
        assertThatThrownBy(store::version).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.saveRefreshGrant("h", grant("f"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.useRefreshGrant("h")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.removeRefreshGrant("h")).isInstanceOf(IOException.class);
        RedisRevocationStore never = new RedisRevocationStore(settings(dying.url(), "jwtguard:"), clock);
        redis.closeAfterTest(never);
        assertThatThrownBy(never::start).isInstanceOf(IOException.class).hasMessageContaining("cannot be reached");
    }
}
