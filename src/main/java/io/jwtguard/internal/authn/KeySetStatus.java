package io.jwtguard.internal.authn;

import java.time.Instant;
import java.util.List;

/**
 * What one trusted issuer's key source holds now, for the development console: never a key's bytes or a secret.
 *
 * @param issuer the issuer's configured name
 * @param source where its keys come from: the JWKS or discovery URL, or the configured key's kind
 * @param keys each key id with the algorithms it verifies ({@code (no kid)} for a key without one)
 * @param lastFetch when the key set was last fetched, or null (a configured key, or not fetched yet)
 * @param trustedUntil until when those keys are used without asking again, or null
 * @param fetches how many fetches were attempted
 * @param lastFailure why the last fetch failed, or null when it succeeded
 */
public record KeySetStatus(String issuer, String source, List<String> keys, Instant lastFetch, Instant trustedUntil,
        long fetches, String lastFailure) {

    public KeySetStatus {
        keys = List.copyOf(keys);
    }
}
