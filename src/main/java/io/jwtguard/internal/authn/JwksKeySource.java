package io.jwtguard.internal.authn;

import com.auth0.jwt.JWTVerifier;
import io.jwtguard.Reason;
import io.jwtguard.internal.config.IssuerSettings;
import io.jwtguard.internal.config.JwksSettings;
import io.jwtguard.internal.config.SignatureAlgorithm;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An issuer's keys from its JWKS (RFC 7517), directly or through OpenID discovery, kept so that rotation,
 * outages and floods are survived:
 * <ul>
 * <li>keys are cached by {@code kid} for the TTL ({@code Cache-Control: max-age} honoured within
 * 1 minute to 24 hours); a well-formed set from the provider is authoritative, so a key removed from it
 * (an empty {@code {"keys":[]}} included) stops working at the first refetch after that, for cached tokens
 * too; a refetch that brings the same keys changes nothing;</li>
 * <li>an unknown {@code kid} triggers at most one fetch at a time (single flight) and at most one
 * unknown-{@code kid} fetch per minimum interval, whatever other fetches ran (the start-up prefetch, a TTL
 * refresh): a key rotated in right after them is found on its first use; unknown {@code kid}s are
 * remembered for the interval, so a flood of random ones costs the provider nothing;</li>
 * <li>a {@code kid} that is not a short {@code [A-Za-z0-9._-]} string is refused without any fetch;</li>
 * <li>when the provider is down, slow or answers garbage, the last good keys keep working, but only for
 * {@code jwtguard.jwks.max-stale} past their TTL; with none, or past that, the answer is
 * {@code key_source_unavailable} (503), a server fault, and no request thread waits longer than the connect
 * plus read timeout;</li>
 * <li>{@link #start()} fetches in the background, so the application starts while the provider is down.</li>
 * </ul>
 * Thread-safe.
 */
final class JwksKeySource implements KeySource {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");
    static final Duration MIN_TTL = Duration.ofMinutes(1);
    static final Duration MAX_TTL = Duration.ofHours(24);
    private static final int NEGATIVE_CACHE_SIZE = 1024;
    private static final int RETIRED_KIDS = 64;

    /** The keys of one successful fetch, and what identifies them (kid, key bytes, algorithms). Immutable. */
    private record Snapshot(Map<String, Map<SignatureAlgorithm, JWTVerifier>> byKid, String identity,
            Instant fetchedAt, Instant expiresAt) {
        boolean fresh(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final IssuerSettings issuer;
    private final JwksSettings settings;
    private final KeySetReader reader;
    private final Clock clock;
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private volatile Snapshot snapshot;
    private final AtomicLong generation = new AtomicLong();
    private volatile String lastError = "not fetched yet";
    /** Why the last fetch failed; null once one succeeds. */
    private volatile String lastFailure;
    /** Guarded by {@code this}. */
    private CompletableFuture<Snapshot> inFlight;
    /** Guarded by {@code this}. */
    private Instant lastAttempt;
    /** The last fetch an unknown {@code kid} asked for; at most one per minimum interval. Guarded by {@code this}. */
    private Instant lastUnknownKidFetch;
    /** Unknown kids and until when they stay unknown without a fetch. Guarded by itself. */
    private final Map<String, Instant> unknownKids = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > NEGATIVE_CACHE_SIZE;
        }
    };
    /** Key ids the issuer's key set had before a rotation removed them, and when; the newest few. Guarded by itself. */
    private final Map<String, Instant> retiredKids = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > RETIRED_KIDS;
        }
    };
    private volatile ScheduledExecutorService executor;
    private volatile JwksClient client;

    JwksKeySource(IssuerSettings issuer, VerifierFactory verifiers, Clock clock) {
        this.issuer = issuer;
        this.settings = issuer.jwks().orElseThrow();
        this.reader = new KeySetReader(issuer, verifiers);
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "jwtguard-jwks-" + issuer.name());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        executor = pool;
        client = new JwksClient(settings, pool);
        prefetch();
    }

    /** The first fetch, retried every minimum interval until it succeeds: start-up never waits for it. */
    private void prefetch() {
        ScheduledExecutorService pool = executor;
        if (pool == null || snapshot != null) {
            return;
        }
        refresh(clock.instant(), false).whenComplete((fetched, error) -> {
            if (fetched == null && !pool.isShutdown()) {
                pool.schedule(this::prefetch, settings.minRefreshInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public void close() {
        ScheduledExecutorService pool = executor;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Override
    public Instant trustedUntil() {
        Snapshot current = snapshot;
        return current == null ? Instant.MIN : current.expiresAt();
    }

    /** How many of those fetches failed (for counters). */
    long failureCount() {
        return failures.get();
    }

    /** How many fetches of the key set were attempted (for tests and counters). */
    long fetchCount() {
        return fetches.get();
    }

    @Override
    public KeyResult verifierFor(String kid, SignatureAlgorithm algorithm) {
        if (kid != null && !JwkSet.KID.matcher(kid).matches()) {
            return unknown("the token's kid is not a short [A-Za-z0-9._-] value; no key set was consulted");
        }
        Instant now = clock.instant();
        Snapshot current = snapshot;
        boolean unknownKid = false;
        if (current != null && current.fresh(now)) {
            KeyResult found = lookup(current, kid, algorithm);
            if (found != null || kid == null || rememberedUnknown(kid, now)) {
                return found != null ? found : unknownKid(kid, current);
            }
            unknownKid = true;
        }
        Snapshot refreshed = await(refresh(now, unknownKid));
        Snapshot usable = refreshed != null ? refreshed : usableStale(now);
        if (usable == null) {
            return KeyResult.refused(Failure.serverFault(Reason.KEY_SOURCE_UNAVAILABLE, "the token issuer's signing"
                    + " keys cannot be fetched right now; this is a server fault, retry later",
                    "issuer '" + issuer.name() + "': " + lastError + (snapshot == null ? ""
                            : "; the last good keys expired at " + snapshot.expiresAt() + ", over "
                            + settings.maxStale().toSeconds() + "s ago (jwtguard.jwks.max-stale)")));
        }
        KeyResult found = lookup(usable, kid, algorithm);
        if (found != null) {
            return found;
        }
        if (kid != null) {
            synchronized (unknownKids) {
                unknownKids.put(kid, now.plus(settings.minRefreshInterval()));
            }
        }
        return unknownKid(kid, usable);
    }

    /**
     * The last good keys while their source cannot be asked (down, or asked too recently): only within
     * {@code jwtguard.jwks.max-stale} past their TTL, so a key the provider withdrew stops in bounded time.
     */
    private Snapshot usableStale(Instant now) {
        Snapshot last = snapshot;
        return last != null && now.isBefore(last.expiresAt().plus(settings.maxStale())) ? last : null;
    }

    private KeyResult lookup(Snapshot current, String kid, SignatureAlgorithm algorithm) {
        Map<SignatureAlgorithm, JWTVerifier> byAlgorithm;
        if (kid == null) {
            if (current.byKid().size() != 1) {
                return null;
            }
            byAlgorithm = current.byKid().values().iterator().next();
        } else {
            byAlgorithm = current.byKid().get(kid);
        }
        if (byAlgorithm == null) {
            return null;
        }
        JWTVerifier verifier = byAlgorithm.get(algorithm);
        return verifier != null ? KeyResult.found(verifier) : KeyResult.refused(Failure.of(
                Reason.ALGORITHM_NOT_ALLOWED, "the issuer's key '" + Text.shortValue(kid) + "' cannot verify "
                        + algorithm + "; it fits " + byAlgorithm.keySet()));
    }

    private boolean rememberedUnknown(String kid, Instant now) {
        synchronized (unknownKids) {
            Instant until = unknownKids.get(kid);
            return until != null && now.isBefore(until);
        }
    }

    private KeyResult unknownKid(String kid, Snapshot current) {
        if (kid == null) {
            return unknown("the token has no kid and the issuer's key set has " + current.byKid().size() + " keys");
        }
        Instant retired;
        synchronized (retiredKids) {
            retired = retiredKids.get(kid);
        }
        String notInTheSet = "the token's kid '" + Text.shortValue(kid) + "' is not in the issuer's key set (fetched "
                + current.fetchedAt().truncatedTo(ChronoUnit.SECONDS) + ")";
        return unknown(retired == null ? notInTheSet : notInTheSet + ": the key set had it until a rotation removed it"
                + " (noticed " + retired.truncatedTo(ChronoUnit.SECONDS) + "), so the token was signed with a retired"
                + " key; get a new token from the issuer");
    }

    @Override
    public KeySetStatus status(String issuer) {
        Snapshot current = snapshot;
        String source = settings.jwksUrl().map(URI::toString)
                .orElseGet(() -> settings.discoveryUrl().map(url -> "discovery " + url).orElse("JWKS"));
        List<String> keys = current == null ? List.of() : current.byKid().entrySet().stream()
                .map(key -> (key.getKey().isEmpty() ? "(no kid)" : key.getKey()) + " " + key.getValue().keySet())
                .toList();
        return new KeySetStatus(issuer, source, keys, current == null ? null : current.fetchedAt(),
                current == null ? null : current.expiresAt(), fetches.get(), lastFailure);
    }

    /** Remembers the key ids a rotation removed, so that a token still signed with one is told so. */
    private void retire(Snapshot previous, KeySetReader.Read read, Instant now) {
        synchronized (retiredKids) {
            retiredKids.keySet().removeIf(read.byKid()::containsKey);
            if (previous != null) {
                previous.byKid().keySet().stream().filter(kid -> !kid.isEmpty() && !read.byKid().containsKey(kid))
                        .forEach(kid -> retiredKids.put(kid, now));
            }
        }
    }

    private static KeyResult unknown(String description) {
        return KeyResult.refused(Failure.of(Reason.UNKNOWN_KEY_ID, description));
    }

    /**
     * The fetch in progress, a new one when the minimum interval allows it, or the current keys. Never
     * blocks: callers wait on the returned future, bounded by {@link #await}.
     */
    private synchronized CompletableFuture<Snapshot> refresh(Instant now, boolean forUnknownKid) {
        if (inFlight != null) {
            return inFlight;
        }
        ScheduledExecutorService pool = executor;
        Instant last = forUnknownKid ? lastUnknownKidFetch : lastAttempt;
        if (pool == null || last != null && now.isBefore(last.plus(settings.minRefreshInterval()))) {
            return CompletableFuture.completedFuture(null);
        }
        lastAttempt = now;
        if (forUnknownKid) {
            lastUnknownKidFetch = now;
        }
        fetches.incrementAndGet();
        CompletableFuture<Snapshot> fetch = CompletableFuture.supplyAsync(this::fetch, pool);
        inFlight = fetch;
        fetch.whenComplete((fetched, error) -> {
            synchronized (this) {
                inFlight = null;
            }
        });
        return fetch;
    }

    private Snapshot await(CompletableFuture<Snapshot> fetch) {
        try {
            return fetch.get(settings.connectTimeout().plus(settings.readTimeout()).toMillis() + 250,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Runs on the key source's own thread, never on a request thread. */
    private Snapshot fetch() {
        try {
            KeySetReader.Read read = reader.read(client);
            Instant now = clock.instant();
            Snapshot previous = snapshot;
            Snapshot fresh = new Snapshot(read.byKid(), read.identity(), now, now.plus(read.ttl()));
            snapshot = fresh;
            if (previous == null || !previous.identity().equals(read.identity())) {
                // Other keys (a kid added, removed, or given another key): verifications made before are dropped.
                generation.incrementAndGet();
            }
            synchronized (unknownKids) {
                unknownKids.keySet().removeIf(read.byKid()::containsKey);
            }
            retire(previous, read, now);
            lastFailure = null;
            LOG.log(Level.INFO, "JwtGuard: issuer '" + issuer.name() + "': " + read.byKid().size() + " keys "
                    + read.byKid().keySet() + " from " + read.from() + ", trusted until " + fresh.expiresAt());
            return fresh;
        } catch (KeyFetchException e) {
            failures.incrementAndGet();
            lastError = e.getMessage();
            lastFailure = lastError;
            LOG.log(Level.WARNING, "JwtGuard: issuer '" + issuer.name() + "': cannot fetch keys: " + e.getMessage()
                    + (snapshot != null ? "; the last good keys stay in use" : ""));
            return null;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            lastError = e.getClass().getSimpleName();
            lastFailure = lastError;
            LOG.log(Level.WARNING, "JwtGuard: issuer '" + issuer.name() + "': cannot fetch keys: " + e);
            return null;
        }
    }
}
