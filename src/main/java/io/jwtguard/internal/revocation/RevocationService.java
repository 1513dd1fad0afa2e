package io.jwtguard.internal.revocation;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.Revocations;
import io.jwtguard.RevocationStore;
import io.jwtguard.RevocationStore.RefreshGrant;
import io.jwtguard.TokenIssuer.RefreshRefused;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.TokenSigner;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.dpop.ProofStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sign-outs and refresh tokens for one filter, each job in its own class: the {@link StoreLoader} that checks and
 * opens the store the settings name, the {@link RevocationCheck} every authenticated request passes, the
 * {@link Logouts} a logout endpoint records, the {@link RefreshTokens} the {@link TokenSigner} issues and redeems,
 * and, for a shared store, the {@link ReplicaSync} that keeps this instance's {@link Replica} current. Thread-safe.
 */
public final class RevocationService implements Revocations, TokenSigner.RefreshGrants, ProofStore {

    private final boolean shared;
    private final Supplier<RevocationStore> opener;
    private final Replica replica;
    private final CurrentStore store = new CurrentStore();
    private final ReplicaSync sync;
    private final RevocationCheck check;
    private final Logouts logouts;
    private final RefreshTokens refreshTokens;

    /**
     * @param replica  this instance's revocations, read by every request
     * @param subjects what each subject has issued and revoked, held within caps
     * @param opener   the store the settings name, opened (not started) at {@link #start()}
     */
    RevocationService(Settings all, Clock clock, Replica replica, Subjects subjects, Supplier<RevocationStore> opener) {
        this.shared = !all.revocation().memory();
        this.opener = opener;
        this.replica = replica;
        this.sync = new ReplicaSync(all.revocation(), clock, replica, store);
        this.check = new RevocationCheck(replica, sync, shared, all.revocation().refuseWhenStale());
        this.logouts = new Logouts(all, clock, replica, subjects, store, sync);
        this.refreshTokens = new RefreshTokens(all.revocation().refreshTokenLifetime(), clock, replica, subjects, store,
                logouts, new SecureRandom());
    }

    /** The service for these settings; a store that cannot be had (no Lettuce, no such class) is a problem. */
    public static RevocationService forSettings(Settings settings, Clock clock, ClassLoader loader, Problems problems) {
        StoreLoader.check(settings.revocation(), loader, problems);
        return new RevocationService(settings, clock, new Replica(clock), new Subjects(clock),
                () -> StoreLoader.open(settings.revocation(), clock, loader));
    }

    /** Opens the store and, for a shared one, loads the replica and starts syncing it. */
    public synchronized void start() {
        if (store.opened()) {
            return;
        }
        RevocationStore opened = opener.get();
        store.set(opened);
        if (shared) {
            sync.start(opened);
        }
    }

    public synchronized void close() {
        sync.close();
        store.close();
    }

    /**
     * The authentication with revocation applied: a verified caller whose token, session or subject was signed
     * out is refused ({@code token_revoked}); with the replica stale past {@code max-stale} and
     * {@code on-store-failure=refuse}, every verified caller is ({@code revocation_unavailable}).
     */
    public AuthenticationResult check(AuthenticationResult authentication) {
        return check.check(authentication);
    }

    @Override
    public Outcome revoke(JwtPrincipal caller) {
        return logouts.revoke(caller);
    }

    @Override
    public Outcome signOutEverywhere(JwtPrincipal caller) {
        return logouts.signOutEverywhere(caller);
    }

    /**
     * The store's {@link RevocationStore#recordOnce}: where DPoP remembers used proofs, shared between instances as
     * the revocations are. @throws IOException when the store cannot answer (or has not started)
     */
    @Override
    public boolean recordOnce(String key, Instant expiresAt) throws IOException {
        return store.get().recordOnce(key, expiresAt);
    }

    /** The store's {@link RevocationStore#shared}. @throws IOException when the store cannot answer */
    @Override
    public String shared(String key, String proposed) throws IOException {
        return store.get().shared(key, proposed);
    }

    /** Revocations this instance's replica holds now (counted by a walk over it: for meters, not requests). */
    public long replicaSize() {
        return replica.size();
    }

    /**
     * Seconds since the replica last synced with a shared store: NaN before its first sync, and always NaN for the
     * memory store, whose replica is the store itself.
     */
    public double replicaStalenessSeconds() {
        return shared ? sync.secondsSinceSync() : Double.NaN;
    }

    @Override
    public boolean sharedWithOtherInstances() {
        return shared;
    }

    @Override
    public Instant issueInstant(String issuer, String subject) {
        return refreshTokens.issueInstant(issuer, subject);
    }

    @Override
    public String newRefreshToken(String family, String subject, List<String> roles, String issuer, String previous)
            throws IOException {
        return refreshTokens.newToken(family, subject, roles, issuer, previous);
    }

    @Override
    public RefreshGrant redeem(String refreshToken, String issuer) throws RefreshRefused {
        return refreshTokens.redeem(refreshToken, issuer);
    }

    /** One sync of the replica now, as the sync thread runs it every {@code sync-interval}. */
    void syncOnce() {
        sync.syncOnce();
    }

    /** The watchdog's look at the last good sync now, as it runs every {@link #watchdogPeriod()}. */
    void evaluateStaleness() {
        sync.evaluateStaleness();
    }

    Duration watchdogPeriod() {
        return sync.watchdogPeriod();
    }
}
