package io.jwtguard.internal.revocation;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.Revocations;
import io.jwtguard.RevocationStore;
import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.RevocationStore.Kind;
import io.jwtguard.RevocationStore.RefreshGrant;
import io.jwtguard.TokenIssuer.RefreshRefused;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.TokenIds;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.RevocationSettings;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Failure;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sign-outs and refresh tokens for one filter: the check every authenticated request passes (on this instance's
 * {@link Replica}, never a call to the store), the {@link Revocations} a logout endpoint calls, and the refresh
 * grants {@code TokenIssuer} issues and redeems. For a shared store a daemon thread syncs the replica every
 * {@code sync-interval}: it reads the store's version, reloads when it moved, records what could not be recorded
 * while the store was down, and records everything again when the store lost its data. Past {@code max-stale}
 * without a sync, {@code on-store-failure} decides. Thread-safe.
 */
public final class RevocationService implements Revocations {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");
    /** The Redis store, in the package of its optional library's integration. */
    private static final String REDIS_STORE = "io.jwtguard.internal.redis.RedisRevocationStore";
    private static final Failure REVOKED_TOKEN = Failure.of(Reason.TOKEN_REVOKED, "the token was revoked (signed out)");
    private static final Failure REVOKED_SESSION = Failure.of(Reason.TOKEN_REVOKED,
            "the token's session was signed out");
    private static final Failure SIGNED_OUT = Failure.of(Reason.TOKEN_REVOKED,
            "the caller signed out everywhere after this token was issued");
    private static final long NEVER = Long.MIN_VALUE;

    private final RevocationSettings settings;
    private final Clock clock;
    private final ClassLoader loader;
    private final Duration skew;
    /** How long a sign-out everywhere must be kept: no token or refresh token issued before it outlives this. */
    private final Duration longestLife;
    private final Duration tokenLifetime;
    private final Replica replica;
    private final Subjects subjects;
    /** Revocations recorded in memory-store mode, to purge the replica every 256 of them. */
    private final AtomicLong recorded = new AtomicLong();
    private final Queue<Entry> pending = new ConcurrentLinkedQueue<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong decidedWhileStale = new AtomicLong();

    private volatile RevocationStore store;
    private volatile long lastSyncedMillis = NEVER;
    /**
     * Set by a watchdog task and by each sync, read by every request: reading the clock per request would cost more
     * than the whole check (26 ns on the benchmark machine). Starts true: never synced is stale.
     */
    private volatile boolean stale = true;
    private volatile boolean storeDown;
    private long lastVersion = -1;
    private ScheduledExecutorService sync;

    /** A store given rather than opened from the settings (tests); null otherwise. */
    private final RevocationStore supplied;

    private RevocationService(Settings all, Clock clock, ClassLoader loader, RevocationStore supplied) {
        this.supplied = supplied;
        this.settings = all.revocation();
        this.clock = clock;
        this.loader = loader;
        this.skew = all.clockSkew();
        this.tokenLifetime = all.tokenLifetime();
        Duration longest = max(all.tokenLifetime(), settings.refreshTokenLifetime());
        this.longestLife = all.maxTokenAge().map(age -> max(age, longest)).orElse(longest);
        this.replica = new Replica(clock);
        this.subjects = new Subjects(clock);
    }

    /** The service for these settings; a store that cannot be had (no Lettuce, no such class) is a problem. */
    public static RevocationService forSettings(Settings settings, Clock clock, ClassLoader loader, Problems problems) {
        RevocationSettings revocation = settings.revocation();
        if (revocation.redis() && !present("io.lettuce.core.RedisClient", loader)) {
            problems.add("jwtguard.revocation.store=redis needs the Redis client: add io.lettuce:lettuce-core (and its"
                    + " dependencies netty and reactor-core) to WEB-INF/lib, with the plain jar or the -all jar");
        } else if (!revocation.memory() && !revocation.redis()) {
            try {
                Class<?> type = Class.forName(revocation.store(), false, loader);
                if (!RevocationStore.class.isAssignableFrom(type)) {
                    problems.add("jwtguard.revocation.store: " + revocation.store() + " does not implement "
                            + RevocationStore.class.getName());
                } else {
                    type.getConstructor();
                }
            } catch (ClassNotFoundException e) {
                problems.add("jwtguard.revocation.store: class " + revocation.store() + " is not on the application's"
                        + " class path; use memory, redis or the class name of an io.jwtguard.RevocationStore");
            } catch (NoSuchMethodException e) {
                problems.add("jwtguard.revocation.store: " + revocation.store() + " has no public no-argument constructor");
            }
        }
        return new RevocationService(settings, clock, loader, null);
    }

    /** With {@code store} as the shared store, whatever the settings name (tests of outages). */
    static RevocationService withStore(Settings settings, Clock clock, RevocationStore store) {
        return new RevocationService(settings, clock, RevocationService.class.getClassLoader(), store);
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Opens the store and, for a shared one, loads the replica and starts syncing it. */
    public synchronized void start() {
        if (store != null) {
            return;
        }
        RevocationStore opened = open();
        store = opened;
        if (local()) {
            return;
        }
        opened.subscribe(replica::apply);
        syncOnce();
        if (storeDown) {
            LOG.log(Level.WARNING, "JwtGuard: the revocation store cannot be reached at start-up; requests are "
                    + (settings.refuseWhenStale() ? "refused with 503 revocation_unavailable" : "allowed (on-store-failure=allow)")
                    + " until it answers; retrying every " + settings.syncInterval().toMillis() + " ms");
        }
        // Two threads: the watchdog must run on time even while a sync waits (at most the store's timeout).
        sync = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "jwtguard-revocation-sync");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.syncInterval().toMillis();
        sync.scheduleWithFixedDelay(this::syncOnce, every, every, TimeUnit.MILLISECONDS);
        long watch = watchdogPeriod().toMillis();
        sync.scheduleAtFixedRate(this::evaluateStaleness, watch, watch, TimeUnit.MILLISECONDS);
    }

    private RevocationStore open() {
        if (supplied != null) {
            return supplied;
        }
        if (settings.memory()) {
            return new MemoryRevocationStore(clock);
        }
        if (settings.redis()) {
            // The optional integration, by name: nothing of it (or of Lettuce) is loaded unless it is chosen.
            try {
                return (RevocationStore) Class.forName(REDIS_STORE, true, RevocationService.class.getClassLoader())
                        .getConstructor(RevocationSettings.class, Clock.class).newInstance(settings, clock);
            } catch (ReflectiveOperationException | LinkageError e) {
                Throwable cause = e instanceof java.lang.reflect.InvocationTargetException thrown
                        && thrown.getCause() != null ? thrown.getCause() : e;
                throw new IllegalStateException("the Redis revocation store cannot be created: " + cause, cause);
            }
        }
        try {
            return (RevocationStore) Class.forName(settings.store(), true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Checked at start-up already; a constructor that throws is the store's fault: refuse, never admit.
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException thrown && thrown.getCause() != null
                    ? thrown.getCause() : e;
            throw new IllegalStateException("the revocation store " + settings.store() + " cannot be created: " + cause, cause);
        }
    }

    private boolean local() {
        return supplied == null && settings.memory();
    }

    public synchronized void close() {
        if (sync != null) {
            sync.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
    }

    /** One sync: never throws (it runs on the scheduler, whose task would stop at the first exception). */
    void syncOnce() {
        RevocationStore current = store;
        try {
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

    /**
     * The authentication with revocation applied: a verified caller whose token, session or subject was signed
     * out is refused ({@code token_revoked}); with the replica stale past {@code max-stale} and
     * {@code on-store-failure=refuse}, every verified caller is ({@code revocation_unavailable}).
     */
    public AuthenticationResult check(AuthenticationResult authentication) {
        if (authentication.kind() != AuthenticationResult.Kind.AUTHENTICATED) {
            return authentication;
        }
        Entry revoked = replica.revoking(authentication.ids());
        if (revoked != null) {
            return AuthenticationResult.refusedBy(switch (revoked.kind()) {
                case TOKEN -> REVOKED_TOKEN;
                case SESSION -> REVOKED_SESSION;
                case SUBJECT -> SIGNED_OUT;
            });
        }
        if (!local() && stale) {
            if (settings.refuseWhenStale()) {
                return AuthenticationResult.refusedBy(Failure.serverFault(Reason.REVOCATION_UNAVAILABLE,
                        "the server cannot tell whether the token was signed out; this is a server fault, retry later",
                        lastSyncedMillis == NEVER ? "the revocation store has not answered since start-up"
                                : "the revocation store has not answered since " + Instant.ofEpochMilli(lastSyncedMillis)));
            }
            decidedWhileStale.incrementAndGet();
        }
        return authentication;
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

    @Override
    public Outcome revoke(JwtPrincipal caller) {
        String issuer = issuer(caller);
        String jti = text(caller.getClaims().get("jti"));
        String sid = text(caller.getClaims().get("sid"));
        if (jti == null && sid == null) {
            throw new IllegalArgumentException("the token has neither a jti nor a sid to revoke it by");
        }
        Instant now = clock.instant();
        Outcome outcome = Outcome.SHARED;
        List<Entry> recordedNow = new ArrayList<>(2);
        if (jti != null) {
            Instant expires = caller.getExpiresAt().orElse(now.plus(tokenLifetime)).plus(skew);
            Entry token = new Entry(Kind.TOKEN, issuer, jti, now, expires);
            outcome = record(token);
            recordedNow.add(token);
        }
        if (sid != null) {
            Outcome session = revokeSession(issuer, sid);
            outcome = session == Outcome.PENDING ? session : outcome;
            recordedNow.addAll(nonNull(replica.sessionEntry(issuer, sid)));
            Subjects.Family ended = subjects.ended(issuer, caller.getSubject(), sid);
            if (ended != null) {
                removeFamily(ended);
            }
        }
        counted(issuer, caller.getSubject(), recordedNow);
        return outcome;
    }

    @Override
    public boolean sharedWithOtherInstances() {
        return !local();
    }

    @Override
    public Outcome signOutEverywhere(JwtPrincipal caller) {
        String subject = caller.getSubject();
        if (subject == null) {
            throw new IllegalArgumentException("the token has no sub");
        }
        // Compared to the millisecond, not rounded to a whole second (which refused a token issued just after the
        // sign-out): a token JwtGuard issued carries its issue instant to the millisecond, and is refused when issued
        // before this instant; one with a whole-second iat only is refused when its second starts before it (it may
        // predate the sign-out). The caller's own token may come from an issuer whose clock runs ahead (its iat in
        // the future, within the skew): the sign-out then starts after that token's issue instant, so neither it nor
        // any token of the issuer's same instant outlives the sign-out.
        Instant now = clock.instant();
        long callerIssued = issuedAtMillis(caller);
        Instant notBefore = callerIssued == TokenIds.NO_IAT || callerIssued < now.toEpochMilli() ? now
                : Instant.ofEpochMilli(callerIssued + 1);
        Instant expires = notBefore.plus(longestLife).plus(skew);
        Instant tokenExpiry = caller.getExpiresAt().map(exp -> exp.plus(skew)).orElse(expires);
        return record(new Entry(Kind.SUBJECT, issuer(caller), subject, notBefore,
                tokenExpiry.isAfter(expires) ? tokenExpiry : expires));
    }

    /** The caller's token's issue instant, as the replica compares it, or {@link TokenIds#NO_IAT}. */
    private static long issuedAtMillis(JwtPrincipal caller) {
        if (!(caller.getClaims().get("iat") instanceof Number iat)) {
            return TokenIds.NO_IAT;
        }
        Object precise = caller.getClaims().get(TokenIds.ISSUED_AT_MILLIS);
        return TokenIds.issuedAtMillis(iat.longValue(), precise instanceof Number millis ? millis.longValue() : null);
    }

    /**
     * When a token for {@code subject} issued now is to say it was issued: now, or just at the subject's sign-out
     * everywhere when this instance knows of one that its clock has not reached (it was signed out on an instance
     * whose clock runs ahead), so that a token issued after a known sign-out is never refused by it.
     */
    public Instant issueInstant(String issuer, String subject) {
        Instant now = clock.instant();
        long signedOut = replica.signedOutAt(issuer, subject);
        return signedOut > now.toEpochMilli() ? Instant.ofEpochMilli(signedOut) : now;
    }

    private Outcome revokeSession(String issuer, String family) {
        Instant now = clock.instant();
        return record(new Entry(Kind.SESSION, issuer, family, now,
                now.plus(settings.refreshTokenLifetime()).plus(tokenLifetime).plus(skew)));
    }

    /** On this instance at once; in the store too when it answers, else as soon as it does. */
    private Outcome record(Entry entry) {
        replica.apply(entry);
        if (local()) {
            // The replica is the memory store's only copy of the revocations: the store keeps the refresh grants.
            if (recorded.incrementAndGet() % 256 == 0) {
                replica.purge();
                subjects.purge();
            }
            return Outcome.SHARED;
        }
        RevocationStore current = store;
        try {
            if (current == null) {
                throw new IOException("the revocation store is not started");
            }
            current.revoke(entry);
            return Outcome.SHARED;
        } catch (IOException | RuntimeException e) {
            pending.add(entry);
            LOG.log(Level.WARNING, "JwtGuard: a " + entry.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " revocation could not be recorded in the store (" + e.getMessage() + "); this instance refuses"
                    + " the token now and records it when the store answers");
            return Outcome.PENDING;
        }
    }

    /**
     * Counts {@code entries} against the subject's cap; past it, the oldest are replaced by the subject's not-before
     * (recorded first, so nothing they refused is admitted in between): every token of the subject issued up to
     * the last of them, and within the skew after it (an issuer's clock may run that far ahead), is refused.
     */
    private void counted(String issuer, String subject, List<Entry> entries) {
        if (subject == null || entries.isEmpty()) {
            return;
        }
        Subjects.Overflow over = subjects.revoked(issuer, subject, entries);
        if (over.none()) {
            return;
        }
        Instant last = over.revocations().get(0).notBefore();
        for (Entry entry : over.revocations()) {
            last = entry.notBefore().isAfter(last) ? entry.notBefore() : last;
        }
        // Not a millisecond more: a token issued now must be able to say it was issued at it (issueInstant).
        Instant notBefore = last.plus(skew);
        record(new Entry(Kind.SUBJECT, issuer, subject, notBefore, notBefore.plus(longestLife).plus(skew)));
        over.revocations().forEach(replica::forget);
        LOG.log(Level.DEBUG, () -> "JwtGuard: subject " + io.jwtguard.internal.diagnostics.Text.shortValue(subject)
                + " passed " + Subjects.MAX_REVOCATIONS + " revocations; its tokens issued before " + notBefore
                + " are refused by one not-before instead");
    }

    /** Removes a family's refresh grant and reuse marker; they expire by themselves when the store cannot. */
    private void removeFamily(Subjects.Family family) {
        RevocationStore current = store;
        try {
            if (current != null) {
                current.removeRefreshGrant(family.grantKey());
                current.removeRefreshGrant(family.markerKey());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "JwtGuard: a revoked session's refresh grant stays until it expires: " + e.getMessage());
        }
    }

    /**
     * A new refresh token for {@code family}, its grant saved (hashed) in the store, with the family's reuse
     * marker. The token's first 128 bits are its family's key (random, in no access token, so a {@code sid} alone
     * cannot make one), the other 128 its own secret: the family key finds the family's one marker when a used token comes back, so a used grant
     * need not be kept: per family the store holds one grant and one marker, however many times it rotated.
     *
     * @param previous the refresh token this one replaces, {@code null} for a new session
     * @throws IOException when the store cannot save it
     */
    public String newRefreshToken(String family, String subject, List<String> roles, String issuer, String previous)
            throws IOException {
        byte[] familyKey = previous == null ? null : familyKey(previous);
        if (familyKey == null) {
            familyKey = new byte[16];
            random.nextBytes(familyKey);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        System.arraycopy(familyKey, 0, bytes, 0, 16);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = issueInstant(issuer, subject);
        Instant expires = now.plus(settings.refreshTokenLifetime());
        RevocationStore current = store;
        if (current == null) {
            throw new IOException("the revocation store is not started");
        }
        String grantKey = Sha256.base64Url(token);
        String markerKey = markerKey(familyKey);
        current.saveRefreshGrant(grantKey, new RefreshGrant(family, subject, roles, now, expires, false));
        current.saveRefreshGrant(markerKey, new RefreshGrant(family, subject, List.of(), now, expires, false));
        Subjects.Overflow over = subjects.issued(issuer, subject,
                new Subjects.Family(family, grantKey, markerKey, expires.toEpochMilli()));
        List<Entry> revoked = new ArrayList<>();
        for (Subjects.Family oldest : over.families()) {
            // Past the cap of live sessions: the oldest is signed out, never silently forgotten.
            revokeSession(issuer, oldest.family());
            revoked.add(replica.sessionEntry(issuer, oldest.family()));
            removeFamily(oldest);
        }
        revoked.removeIf(java.util.Objects::isNull);
        counted(issuer, subject, revoked);
        return token;
    }

    /**
     * The family key of a refresh token: its first 128 bits (the other 128 are the token's own secret), or
     * {@code null} when it is not a token's shape. A token issued before family keys existed has one too, whose
     * marker is never found: it is answered by its own grant, kept as before.
     */
    private static byte[] familyKey(String refreshToken) {
        if (refreshToken.length() != 43) {
            return null;
        }
        try {
            return java.util.Arrays.copyOf(Base64.getUrlDecoder().decode(refreshToken), 16);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String markerKey(byte[] familyKey) {
        return "family-" + Sha256.base64Url("family|" + Base64.getUrlEncoder().withoutPadding().encodeToString(familyKey));
    }

    /**
     * Uses up {@code refreshToken} and answers its grant. A token used before revokes its whole session, on every
     * instance (RFC 9700, section 4.14.2): found by its grant while a concurrent exchange has not removed it yet,
     * then by its family's marker.
     *
     * @param issuer the {@code iss} of the access tokens issued from it
     */
    public RefreshGrant redeem(String refreshToken, String issuer) throws RefreshRefused {
        RevocationStore current = store;
        RefreshGrant grant;
        RefreshGrant marker = null;
        String grantKey = Sha256.base64Url(refreshToken);
        byte[] familyKey = familyKey(refreshToken);
        try {
            if (current == null) {
                throw new IOException("the revocation store is not started");
            }
            grant = current.useRefreshGrant(grantKey);
            if (grant == null && familyKey != null) {
                // Marking the marker used changes nothing: it only says the family exists.
                marker = current.useRefreshGrant(markerKey(familyKey));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "JwtGuard: a refresh token could not be checked: " + e.getMessage());
            throw new RefreshRefused("temporarily_unavailable", 503, "the refresh token cannot be checked now; retry later");
        }
        Instant now = clock.instant();
        RefreshGrant replayed = grant != null && grant.used() ? grant
                : grant == null && marker != null && now.isBefore(marker.expiresAt()) ? marker : null;
        if (replayed != null) {
            // The family's grant stays, so its newest refresh token is told that its session was signed out.
            revokeSession(issuer, replayed.family());
            counted(issuer, replayed.subject(), nonNull(replica.sessionEntry(issuer, replayed.family())));
            LOG.log(Level.WARNING, "JwtGuard: a refresh token was used a second time; its session is revoked"
                    + " (subject " + io.jwtguard.internal.diagnostics.Text.shortValue(replayed.subject()) + ")");
            throw new RefreshRefused("invalid_grant", 400, "the refresh token was used before, so its session is"
                    + " revoked; log in again");
        }
        if (grant == null || !now.isBefore(grant.expiresAt())) {
            throw new RefreshRefused("invalid_grant", 400, "unknown or expired refresh token; log in again");
        }
        if (replica.revokingGrant(issuer, grant.family(), grant.subject(), grant.issuedAt().toEpochMilli()) != null) {
            throw new RefreshRefused("invalid_grant", 400, "the refresh token's session was signed out; log in again");
        }
        if (familyKey != null) {
            // Used: when its family has a marker (every token this version issued), the marker answers a replay from
            // now on, so the grant itself can go.
            try {
                if (current.useRefreshGrant(markerKey(familyKey)) != null) {
                    current.removeRefreshGrant(grantKey);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "JwtGuard: a used refresh grant stays until it expires: " + e.getMessage());
            }
        }
        return grant;
    }

    private static List<Entry> nonNull(Entry entry) {
        return entry == null ? List.of() : List.of(entry);
    }

    private static String issuer(JwtPrincipal caller) {
        String issuer = caller.getIssuer();
        return issuer == null ? "" : issuer;
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isEmpty() ? text : null;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

}
