package io.jwtguard.internal.revocation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jwtguard.RevocationStore;
import io.jwtguard.internal.authn.ClockTicker;
import java.time.Clock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The default store, {@code jwtguard.revocation.store=memory}: this instance only, nothing to install. In that mode
 * JwtGuard keeps the revocations in its replica alone (one copy, not two) and this store the refresh grants, which
 * expire by Caffeine at their own {@code expiresAt}. Used as a whole store (tests, as a shared store's stand-in),
 * its subscribers hear of a revocation before {@link #revoke} returns. Thread-safe.
 */
final class MemoryRevocationStore implements RevocationStore {

    private final Replica entries;
    private final AtomicLong version = new AtomicLong();
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private final Cache<String, RefreshGrant> grants;
    /** What {@link #recordOnce} recorded, each until its own expiry: used DPoP proofs. */
    private final Cache<String, Instant> recorded;
    private final int maxRecorded;
    private final java.util.Map<String, String> shared = new java.util.concurrent.ConcurrentHashMap<>();

    /** Used proofs held at most: about 100 bytes each, and each gone after the proof's maximum age. */
    static final int MAX_RECORDED = 500_000;

    MemoryRevocationStore(Clock clock) {
        this(clock, MAX_RECORDED);
    }

    MemoryRevocationStore(Clock clock, int maxRecorded) {
        this.entries = new Replica(clock);
        this.maxRecorded = maxRecorded;
        // No maximum size: an evicted proof could be replayed. A full store refuses instead (recordOnce).
        this.recorded = Caffeine.newBuilder()
                .ticker(new ClockTicker(clock))
                .expireAfter(Expiry.<String, Instant>creating((key, until) -> {
                    Duration left = Duration.between(clock.instant(), until);
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .executor(Runnable::run)
                .build();
        this.grants = Caffeine.newBuilder()
                .ticker(new ClockTicker(clock))
                .expireAfter(new UntilExpiry(clock))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public void revoke(Entry entry) {
        entries.apply(entry);
        if (version.incrementAndGet() % 256 == 0) {
            entries.purge();
        }
        listeners.forEach(listener -> listener.accept(entry));
    }

    @Override
    public Collection<Entry> entries() {
        return entries.all();
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public void subscribe(Consumer<Entry> listener) {
        listeners.add(listener);
    }

    @Override
    public void saveRefreshGrant(String tokenHash, RefreshGrant grant) {
        grants.put(tokenHash, grant);
    }

    @Override
    public RefreshGrant useRefreshGrant(String tokenHash) {
        RefreshGrant[] before = new RefreshGrant[1];
        grants.asMap().computeIfPresent(tokenHash, (hash, grant) -> {
            before[0] = grant;
            return grant.used() ? grant : new RefreshGrant(grant.family(), grant.subject(), grant.roles(),
                    grant.issuedAt(), grant.expiresAt(), true);
        });
        return before[0];
    }

    @Override
    public void removeRefreshGrant(String tokenHash) {
        grants.invalidate(tokenHash);
    }

    @Override
    public boolean recordOnce(String key, Instant expiresAt) throws IOException {
        if (recorded.getIfPresent(key) != null) {
            return false; // A replay is told as one, full or not.
        }
        if (recorded.estimatedSize() >= maxRecorded) {
            recorded.cleanUp();
            if (recorded.estimatedSize() >= maxRecorded) {
                // Refused rather than forgotten: forgetting a used proof would let it be replayed.
                throw new IOException("the memory store holds " + maxRecorded + " used DPoP proofs, its limit");
            }
        }
        return recorded.asMap().putIfAbsent(key, expiresAt) == null;
    }

    @Override
    public String shared(String key, String proposed) {
        return shared.computeIfAbsent(key, k -> proposed);
    }

    /** Used proofs held, expired ones dropped first. */
    long recordedCount() {
        recorded.cleanUp();
        return recorded.estimatedSize();
    }

    /** Grants held, expired ones dropped first. */
    long grantCount() {
        grants.cleanUp();
        return grants.estimatedSize();
    }

    /** Revocations held (JwtGuard's own memory mode keeps none here: its replica is the only copy). */
    int entryCount() {
        return entries.size();
    }

    @Override
    public void close() {
        grants.invalidateAll();
        recorded.invalidateAll();
    }

    /** Each grant lives until its own {@code expiresAt}, by the injected clock. */
    private record UntilExpiry(Clock clock) implements Expiry<String, RefreshGrant> {

        @Override
        public long expireAfterCreate(String hash, RefreshGrant grant, long currentTime) {
            Duration left = Duration.between(clock.instant(), grant.expiresAt());
            return left.isNegative() ? 0 : left.toNanos();
        }

        @Override
        public long expireAfterUpdate(String hash, RefreshGrant grant, long currentTime, long currentDuration) {
            // A family's marker is saved again at each rotation, with the newest grant's expiry.
            return expireAfterCreate(hash, grant, currentTime);
        }

        @Override
        public long expireAfterRead(String hash, RefreshGrant grant, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
