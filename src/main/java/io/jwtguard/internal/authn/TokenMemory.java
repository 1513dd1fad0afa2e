package io.jwtguard.internal.authn;

import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.internal.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the validator asks of the {@link TokenCache} and hands it: which decisions may be remembered, and until
 * when, so that a hit decides as a full check would. Answers nothing and keeps nothing when
 * {@code jwtguard.token.cache.size} is 0. Thread-safe, as the cache is.
 */
final class TokenMemory {

    /**
     * Filled by one verification: which issuer's keys it used, their generation before it looked a key up, and
     * whether its refusal is never remembered: an unexpected exception (it may have been the server's, not the
     * token's), or the header's grammar (a listener may hand over the same string, whose grammar is not checked).
     * Not thread-safe.
     */
    static final class KeysUsed {
        KeySource keys;
        long generation;
        boolean forgotten;
    }

    /** Null when {@code jwtguard.token.cache.size} is 0. */
    private final TokenCache cache;
    private final int maxTokenLength;
    private final Optional<Duration> maxTokenAge;
    /** Lookups that answered, and tokens verified in full while a cache is there: at most one of them per token. */
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    TokenMemory(Settings settings, Clock clock) {
        this.cache = settings.tokenCacheSize() > 0
                ? new TokenCache(settings.tokenCacheSize(), settings.clockSkew(), clock) : null;
        this.maxTokenLength = settings.maxTokenLength();
        this.maxTokenAge = settings.maxTokenAge();
    }

    /** Whether a cache is there to ask. */
    boolean on() {
        return cache != null;
    }

    /** {@link TokenCache#get}, or {@code null} without a cache. */
    AuthenticationResult get(String token) {
        return cache == null ? null : counted(cache.get(token));
    }

    /** {@link TokenCache#getForHeader}, or {@code null} without a cache. */
    AuthenticationResult getForHeader(String header) {
        return cache == null ? null : counted(cache.getForHeader(header));
    }

    private AuthenticationResult counted(AuthenticationResult known) {
        if (known != null) {
            hits.increment();
        }
        return known;
    }

    /** A token is verified in full: a miss, when a cache is there to ask. */
    void missed() {
        if (cache != null) {
            misses.increment();
        }
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    /** Verified tokens held now; 0 without a cache. */
    long size() {
        return cache == null ? 0 : cache.size();
    }

    /** Remembers a refusal the cache may keep ({@link TokenCache#remembersRefusal}), unless it is forgotten. */
    void refused(String token, AuthenticationResult result, KeysUsed used) {
        if (cache != null && result.kind() == AuthenticationResult.Kind.FAILED && !used.forgotten
                && token.length() <= maxTokenLength) {
            cache.putRefusal(token, result, used.keys, used.generation);
        }
    }

    /**
     * Remembers a verified token. One checked without the header's grammar (a listener's) only if the header would
     * take it too: the cache answers for the header, and must decide as the header's full check would.
     */
    void verified(String token, boolean grammarChecked, DecodedJWT jwt, JwtPrincipal principal, TrustedIssuer issuer,
            TokenIds ids, long keysGeneration) {
        if (cache == null || token.length() > maxTokenLength
                || !grammarChecked && !BearerGrammar.isB64tokenOnceDecoded(token)) {
            return;
        }
        // Never past exp, nor past the maximum token age: a hit must decide as a full check would.
        Instant until = jwt.getExpiresAtAsInstant();
        if (maxTokenAge.isPresent() && jwt.getIssuedAtAsInstant() != null) {
            Instant aged = jwt.getIssuedAtAsInstant().plus(maxTokenAge.get());
            until = aged.isBefore(until) ? aged : until;
        }
        cache.put(token, AuthenticationResult.authenticated(Principals.compact(principal, jwt, issuer),
                issuer.rolesClaimPaths(), ids), until, issuer.keys(), keysGeneration);
    }
}
