package io.jwtguard;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where revocations and refresh tokens are kept so that every instance of an application sees them: the
 * built-in stores are {@code memory} (one instance) and {@code redis}; an application brings another by
 * naming its class in {@code jwtguard.revocation.store} (public, with a public no-argument constructor).
 *
 * <p>Requests are never decided by a call to the store: each instance keeps a replica, loaded with
 * {@link #entries()}, kept current by {@link #subscribe} and, every {@code jwtguard.revocation.sync-interval},
 * by a {@link #version()} that has changed. A method that cannot reach the store throws {@link IOException}
 * within a bounded time (never blocks a request thread indefinitely); JwtGuard then decides on the replica, up
 * to {@code jwtguard.revocation.max-stale}. Implementations must be thread-safe.
 */
public interface RevocationStore extends AutoCloseable {

    /** What a revocation applies to. */
    enum Kind {
        /** One token, by its {@code jti}. */
        TOKEN,
        /** Every token of one session, by its {@code sid}: the tokens issued from one refresh-token family. */
        SESSION,
        /** Every token of one subject issued before {@link Entry#notBefore()}: signed out everywhere. */
        SUBJECT
    }

    /**
     * One revocation.
     *
     * @param kind what it applies to
     * @param issuer the tokens' {@code iss}, empty when they have none
     * @param id the {@code jti}, {@code sid} or {@code sub}
     * @param notBefore for {@link Kind#SUBJECT}: tokens issued ({@code iat}) before it are revoked; otherwise when
     *     it was revoked
     * @param expiresAt when no token it applies to can be valid any more: the store may forget it then
     */
    record Entry(Kind kind, String issuer, String id, Instant notBefore, Instant expiresAt) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * A refresh token's grant, kept under the SHA-256 of the token (never the token itself).
     *
     * @param family the refresh-token family, which is also the {@code sid} of the access tokens issued from it
     * @param subject the caller
     * @param roles the caller's roles
     * @param issuedAt when this refresh token was issued
     * @param expiresAt when it stops being accepted
     * @param used whether it has been exchanged already (a second use is a replay: RFC 9700, section 4.14.2)
     */
    record RefreshGrant(String family, String subject, List<String> roles, Instant issuedAt, Instant expiresAt,
            boolean used) {
        public RefreshGrant {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(subject, "subject");
            roles = List.copyOf(roles);
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Connects, and starts whatever it needs; called once before any other method. May throw: JwtGuard retries. */
    default void start() throws IOException {
    }

    /** Records {@code entry} for every instance until its {@code expiresAt}, and tells the subscribers. */
    void revoke(Entry entry) throws IOException;

    /** Every revocation still in force, for a replica's first load and its catch-up after a change. */
    Collection<Entry> entries() throws IOException;

    /**
     * The revocations recorded since {@code version} (one this store answered from {@link #version()}), so that a
     * replica that is behind reads only those; empty when the store cannot tell (it keeps no change log, or no
     * longer reaches back that far), and the replica then reads {@link #entries()}. Entries that are already in
     * force may be answered again.
     */
    default Optional<List<Entry>> changesSince(long version) throws IOException {
        return Optional.empty();
    }

    /**
     * A number that changes whenever any instance records a revocation, cheap to read. A store that lost its
     * data (restarted empty) answers a smaller one, and the instances then record what they know again.
     */
    long version() throws IOException;

    /**
     * Calls {@code listener} with every revocation recorded anywhere, as soon as the store hears of it (for
     * Redis: publish/subscribe). It may miss some while disconnected: {@link #version()} catches those up.
     */
    default void subscribe(Consumer<Entry> listener) {
    }

    /** Keeps {@code grant} under {@code tokenHash} until its {@code expiresAt}. */
    void saveRefreshGrant(String tokenHash, RefreshGrant grant) throws IOException;

    /**
     * Atomically marks the grant under {@code tokenHash} as used and answers it as it was before: {@code null}
     * when there is none (unknown or expired), {@link RefreshGrant#used()} {@code true} when it had been used already.
     */
    RefreshGrant useRefreshGrant(String tokenHash) throws IOException;

    /**
     * Removes the grant under {@code tokenHash} (a used one, or a revoked session's) before its {@code expiresAt}, so
     * that a caller's refreshes and logouts do not accumulate. A store that does without keeps it until then.
     */
    default void removeRefreshGrant(String tokenHash) throws IOException {
    }

    /**
     * Records {@code key} until {@code expiresAt} unless it is recorded already, in one atomic step that every
     * instance sees, and answers whether this call recorded it. JwtGuard records each DPoP proof it accepts this way
     * (RFC 9449 §11.1), so a proof replayed on any instance is refused; one call per proof, never a scan. The default
     * throws: a store that keeps no such keys cannot take part in DPoP, and what JwtGuard then does follows
     * {@code jwtguard.revocation.on-store-failure}.
     *
     * @param key a short, opaque key (JwtGuard's hash of the proof's key and {@code jti})
     */
    default boolean recordOnce(String key, Instant expiresAt) throws IOException {
        throw new IOException(getClass().getName() + " does not implement RevocationStore.recordOnce");
    }

    /**
     * The value every instance shares under {@code key}: the one recorded before, or else {@code proposed}, recorded
     * now in the same atomic step, kept until the store loses its data. JwtGuard keeps the secret its DPoP nonces are
     * made with this way, so a nonce one instance gives is valid on every other. The default throws, as
     * {@link #recordOnce} does.
     */
    default String shared(String key, String proposed) throws IOException {
        throw new IOException(getClass().getName() + " does not implement RevocationStore.shared");
    }

    /** Releases connections and threads. */
    @Override
    void close();
}
