package io.jwtguard.internal.authn;

import io.jwtguard.internal.config.SignatureAlgorithm;

/**
 * Where one trusted issuer's verification keys come from. The token never chooses the source, only which
 * of its keys ({@code kid}) and which allowed algorithm. Implementations are thread-safe.
 */
interface KeySource {

    /**
     * @param kid the token's {@code kid}, or {@code null}
     * @param algorithm the token's algorithm, already checked against the issuer's allow-list
     */
    KeyResult verifierFor(String kid, SignatureAlgorithm algorithm);

    /** Starts background work (a first fetch); a source that was never started does nothing in the background. */
    default void start() {
    }

    /** Stops background work. */
    default void close() {
    }

    /** Changes whenever the usable keys change, so cached verifications made with older keys are dropped. */
    default long generation() {
        return 0;
    }

    /**
     * Until when the current keys are trusted without asking their source again: a verification remembered
     * in the token cache is never used past it (a refetch that brings the same keys extends it).
     */
    default java.time.Instant trustedUntil() {
        return java.time.Instant.MAX;
    }

    /** What it holds now, for the development console; never a key's bytes. */
    default KeySetStatus status(String issuer) {
        return new KeySetStatus(issuer, getClass().getSimpleName(), java.util.List.of(), null, null, 0, null);
    }
}
