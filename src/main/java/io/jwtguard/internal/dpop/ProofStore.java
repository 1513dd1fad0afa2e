package io.jwtguard.internal.dpop;

import java.io.IOException;
import java.time.Instant;

/**
 * Where used proofs and the nonce secret are kept: the revocation store, so that they are shared exactly as widely as
 * sign-outs are (the memory store: this instance; Redis: every instance on it). Implementations are thread-safe.
 */
public interface ProofStore {

    /** Records {@code key} until {@code expiresAt} unless it is there; whether this call recorded it. Atomic. */
    boolean recordOnce(String key, Instant expiresAt) throws IOException;

    /** The value under {@code key}, recorded as {@code proposed} when there is none yet. Atomic. */
    String shared(String key, String proposed) throws IOException;
}
