package io.jwtguard.internal.revocation;

import io.jwtguard.RevocationStore;
import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.internal.config.RevocationSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps this instance's {@link Replica} current from a shared store. A daemon thread syncs every
 * {@code sync-interval}: it reads the store's version, reloads when it moved, records what could not be recorded
 * while the store was down, and records everything again when the store lost its data. A watchdog marks the replica
 * stale once {@code max-stale} passes without a good sync. Unused for the memory store, whose replica is the only
 * copy. Thread-safe: the flags requests read are volatile; {@code lastVersion} is touched by one sync at a time
 * (the first at start, then the scheduler's single sync task).
 */
final class ReplicaSync {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");
    private static final long NEVER = Long.MIN_VALUE;

    private final RevocationSettings settings;
    private final Clock clock;
    private final Replica replica;
    private final CurrentStore store;
    /** Revocations the store could not record when they were made, recorded by the next sync that reaches it. */
    private final Queue<Entry> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong decidedWhileStale = new AtomicLong();

    private volatile long lastSyncedMillis = NEVER;
    /**
     * Set by the watchdog and by each sync, read by every request: reading the clock per request would cost more
     * than the whole check (26 ns on the benchmark machine). Starts true: never synced is stale.
     */
    private volatile boolean stale = true;
    private volatile boolean storeDown;
    private long lastVersion = -1;
    /** Guarded by this. */
    private ScheduledExecutorService scheduler;

    ReplicaSync(RevocationSettings settings, Clock clock, Replica replica, CurrentStore store) {
        this.settings = settings;
        this.clock = clock;
        this.replica = replica;
        this.store = store;
    }

    /** Listens to {@code opened}, syncs once, then starts the sync and the watchdog. */
    synchronized void start(RevocationStore opened) {
        opened.subscribe(replica::apply);
        syncOnce();
        if (storeDown) {
            LOG.log(Level.WARNING, "JwtGuard: the revocation store cannot be reached at start-up; requests are "
                    + (settings.refuseWhenStale() ? "refused with 503 revocation_unavailable" : "allowed (on-store-failure=allow)")
                    + " until it answers; retrying every " + settings.syncInterval().toMillis() + " ms");
        }
        // Two threads: the watchdog must run on time even while a sync waits (at most the store's timeout).
        scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "jwtguard-revocation-sync");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.syncInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::syncOnce, every, every, TimeUnit.MILLISECONDS);
        long watch = watchdogPeriod().toMillis();
        scheduler.scheduleAtFixedRate(this::evaluateStaleness, watch, watch, TimeUnit.MILLISECONDS);
    }

    synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One sync: never throws (it runs on the scheduler, whose task would stop at the first exception). */
    void syncOnce() {
        try {
            RevocationStore current = store.get();
            current.start();
            long version = current.version();
            if (version < lastVersion) {
                // The store lost its data (restarted empty): what this instance knows is recorded again.
                for (Entry entry : replica.all()) {
                    current.revoke(entry);
                }
                LOG.log(Level.WARNING, "JwtGuard: the revocation store had lost its revocations (version " + version
                        + " after " + lastVersion + "); recorded this instance's " + replica.size() + " again");
                version = current.version();
            }
            if (version != lastVersion) {
                // Only what changed since the last sync when the store can tell: a logout costs every instance one
                // entry, not a re-read of every revocation.
                Optional<List<Entry>> changes = lastVersion < 0 ? Optional.empty() : current.changesSince(lastVersion);
                (changes.isPresent() ? changes.get() : current.entries()).forEach(replica::apply);
                lastVersion = version;
            }
            for (Entry entry = pending.peek(); entry != null; entry = pending.peek()) {
                current.revoke(entry);
                pending.remove();
            }
            replica.purge();
            lastSyncedMillis = clock.millis();
            stale = false;
            if (storeDown) {
                storeDown = false;
                LOG.log(Level.INFO, "JwtGuard: the revocation store answers again; replica synced ("
                        + decidedWhileStale.getAndSet(0) + " requests were decided without it)");
            }
        } catch (IOException | RuntimeException e) {
            if (!storeDown) {
                storeDown = true;
                LOG.log(Level.WARNING, "JwtGuard: the revocation store cannot be reached (" + e.getMessage()
                        + "); deciding on this instance's replica for up to " + settings.maxStale().toSeconds()
                        + " s after its last sync, then " + (settings.refuseWhenStale() ? "refusing" : "allowing"));
            }
        }
    }

    /** Records {@code entry} in the store at the next sync that reaches it. */
    void recordLater(Entry entry) {
        pending.add(entry);
    }

    /** How late past {@code max-stale} the watchdog may notice it: a twentieth of it, at least 100 ms. */
    Duration watchdogPeriod() {
        Duration twentieth = settings.maxStale().dividedBy(20);
        return twentieth.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : twentieth;
    }

    /** The watchdog: stale once {@code max-stale} has passed since the last good sync. */
    void evaluateStaleness() {
        long last = lastSyncedMillis;
        stale = last == NEVER || clock.millis() - last > settings.maxStale().toMillis();
    }

    /** Whether {@code max-stale} has passed without a good sync, as the watchdog last saw it. */
    boolean stale() {
        return stale;
    }

    /** Counts a request let through on a stale replica ({@code on-store-failure=allow}), for the recovery log. */
    void decidedWithoutStore() {
        decidedWhileStale.incrementAndGet();
    }

    /** Seconds since the last good sync, NaN before the first. */
    double secondsSinceSync() {
        long last = lastSyncedMillis;
        return last == NEVER ? Double.NaN : (clock.millis() - last) / 1000.0;
    }

    /** Since when the store has not answered, for the server log of a refusal. */
    String silentSince() {
        long last = lastSyncedMillis;
        return last == NEVER ? "the revocation store has not answered since start-up"
                : "the revocation store has not answered since " + Instant.ofEpochMilli(last);
    }
}
