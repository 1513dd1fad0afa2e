package io.jwtguard.internal.authn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens that verified, so a client that sends the same token again skips the signature
 * check (an RSA or EC verify costs tens of microseconds to milliseconds). It can never change a decision:
 * only successes are kept, keyed by the exact token; an entry is used only while the token's {@code exp}
 * (plus the skew) is still ahead of the clock, checked at every hit, and only while its issuer's keys are
 * the ones it verified with. Bounded: when full, a tenth is evicted. Thread-safe.
 */
final class VerifiedTokenCache {

    /** One verified token: its caller, until when, and under which generation of its issuer's keys. */
    private record Entry(AuthenticationResult result, Instant validUntil, KeySource keys, long keysGeneration) {
    }

    private final ConcurrentHashMap<String, Entry> entries;
    private final int maxSize;
    private final Duration skew;
    private final Clock clock;

    VerifiedTokenCache(int maxSize, Duration skew, Clock clock) {
        this.maxSize = maxSize;
        this.skew = skew;
        this.clock = clock;
        this.entries = new ConcurrentHashMap<>(Math.min(maxSize, 1024));
    }

    /** The authentication of a token verified before and still valid, or {@code null}. */
    AuthenticationResult get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        Instant now = clock.instant();
        if (!now.isBefore(entry.validUntil()) || entry.keys().generation() != entry.keysGeneration()
                || !now.isBefore(entry.keys().trustedUntil())) {
            entries.remove(token, entry);
            return null;
        }
        return entry.result();
    }

    void put(String token, AuthenticationResult result, Instant expiresAt, KeySource keys, long keysGeneration) {
        if (entries.size() >= maxSize) {
            evictSome();
        }
        entries.put(token, new Entry(result, expiresAt.plus(skew), keys, keysGeneration));
    }

    int size() {
        return entries.size();
    }

    /** Expired entries first, then arbitrary ones, until a tenth of the room is free. */
    private void evictSome() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.validUntil()));
        int excess = entries.size() - (maxSize - Math.max(1, maxSize / 10));
        Iterator<String> keys = entries.keySet().iterator();
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
