package io.jwtguard.internal.revocation;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.Revocations.Outcome;
import io.jwtguard.RevocationStore;
import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.RevocationStore.Kind;
import io.jwtguard.internal.authn.TokenIds;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.diagnostics.Text;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records sign-outs: a token, its session or its subject everywhere (what a logout endpoint asks), and a session
 * the refresh tokens end. Each is applied to this instance's {@link Replica} at once, then to the store, or to it
 * as soon as it answers again. Keeps each subject within {@link Subjects}' caps, failing closed past them.
 * Thread-safe.
 */
final class Logouts {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");

    private final Clock clock;
    private final Replica replica;
    private final Subjects subjects;
    private final CurrentStore store;
    private final ReplicaSync sync;
    /** False for the memory store: the replica is then the only copy of the revocations. */
    private final boolean shared;
    private final Duration skew;
    private final Duration tokenLifetime;
    private final Duration refreshTokenLifetime;
    /** How long a sign-out everywhere must be kept: no token or refresh token issued before it outlives this. */
    private final Duration longestLife;
    /** Revocations recorded in memory-store mode, to purge the replica every 256 of them. */
    private final AtomicLong recorded = new AtomicLong();

    Logouts(Settings all, Clock clock, Replica replica, Subjects subjects, CurrentStore store, ReplicaSync sync) {
        this.clock = clock;
        this.replica = replica;
        this.subjects = subjects;
        this.store = store;
        this.sync = sync;
        this.shared = !all.revocation().memory();
        this.skew = all.clockSkew();
        this.tokenLifetime = all.tokenLifetime();
        this.refreshTokenLifetime = all.revocation().refreshTokenLifetime();
        Duration longest = max(all.tokenLifetime(), refreshTokenLifetime);
        this.longestLife = all.maxTokenAge().map(age -> max(age, longest)).orElse(longest);
    }

    /** The caller's token by its {@code jti}, and its session by its {@code sid}. */
    Outcome revoke(JwtPrincipal caller) {
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
            recordedNow.addAll(sessionEntry(issuer, sid));
            Subjects.Family ended = subjects.ended(issuer, caller.getSubject(), sid);
            if (ended != null) {
                removeFamily(ended);
            }
        }
        counted(issuer, caller.getSubject(), recordedNow);
        return outcome;
    }

    /** Every token and refresh token of the caller's subject issued up to now. */
    Outcome signOutEverywhere(JwtPrincipal caller) {
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

    /** Every token of session {@code family}, for as long as its refresh tokens and their access tokens live. */
    Outcome revokeSession(String issuer, String family) {
        Instant now = clock.instant();
        return record(new Entry(Kind.SESSION, issuer, family, now,
                now.plus(refreshTokenLifetime).plus(tokenLifetime).plus(skew)));
    }

    /** This session's revocation as the replica holds it, to count against its subject's cap; none when unknown. */
    List<Entry> sessionEntry(String issuer, String family) {
        Entry held = replica.sessionEntry(issuer, family);
        return held == null ? List.of() : List.of(held);
    }

    /** On this instance at once; in the store too when it answers, else as soon as it does. */
    private Outcome record(Entry entry) {
        replica.apply(entry);
        if (!shared) {
            // The replica is the memory store's only copy of the revocations: the store keeps the refresh grants.
            if (recorded.incrementAndGet() % 256 == 0) {
                replica.purge();
                subjects.purge();
            }
            return Outcome.SHARED;
        }
        try {
            store.get().revoke(entry);
            return Outcome.SHARED;
        } catch (IOException | RuntimeException e) {
            sync.recordLater(entry);
            LOG.log(Level.WARNING, "JwtGuard: a " + entry.kind().name().toLowerCase(Locale.ROOT)
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
    void counted(String issuer, String subject, List<Entry> entries) {
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
        LOG.log(Level.DEBUG, () -> "JwtGuard: subject " + Text.shortValue(subject)
                + " passed " + Subjects.MAX_REVOCATIONS + " revocations; its tokens issued before " + notBefore
                + " are refused by one not-before instead");
    }

    /** Removes a family's refresh grant and reuse marker; they expire by themselves when the store cannot. */
    void removeFamily(Subjects.Family family) {
        if (!store.opened()) {
            return;
        }
        try {
            RevocationStore current = store.get();
            current.removeRefreshGrant(family.grantKey());
            current.removeRefreshGrant(family.markerKey());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "JwtGuard: a revoked session's refresh grant stays until it expires: " + e.getMessage());
        }
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
