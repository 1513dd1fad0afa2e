package io.jwtguard.internal.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers tokens that verified, so a client that sends the same token again skips the signature
 * check (an RSA or EC verify costs tens of microseconds to milliseconds). It can never change a decision:
 * only successes are kept, keyed by the exact token; an entry is used only while the token's {@code exp}
 * (plus the skew) is still ahead of the clock, checked at every hit, only while its issuer's keys are the
 * ones it verified with, and never past those keys' TTL. An entry holds the authentication alone (the
 * caller's name, roles and claims as plain values), never the decoded token. Bounded by Caffeine, whose
 * eviction costs amortised constant time. Thread-safe.
 */
final class VerifiedTokenCache {

    /**
     * One verified token, kept as the header that usually carries it ({@code Bearer <token>}, so that header is
     * compared whole, without copying the token out of it), with its authentication (the caller's claims
     * compacted, its roles an index into them: see {@link PackedStrings}), until when, and under which generation
     * of its issuer's keys.
     */
    private record Entry(String bearerHeader, AuthenticationResult result, Instant validUntil, KeySource keys,
            long keysGeneration) {

        boolean holds(String token) {
            int length = token.length();
            return bearerHeader.length() == BEARER.length() + length
                    && bearerHeader.regionMatches(BEARER.length(), token, 0, length);
        }
    }

    /** The usual form of the header: the scheme as RFC 6750 writes it, one space, the token. */
    static final String BEARER = "Bearer ";

    /**
     * Entries are found by the token's last characters (its signature's), whose hash costs the same for
     * any token length, and then compared with the whole token (a vectorised comparison): a hit costs about
     * the same for a 300-character token and an 8 KiB one. A forged token that shares those characters is
     * not equal, so it misses, and only verified tokens are ever put.
     */
    private static final int KEY_CHARS = 32;

    private final Cache<String, Entry> entries;
    private final Duration skew;
    private final Clock clock;

    VerifiedTokenCache(int maxSize, Duration skew, Clock clock) {
        this.skew = skew;
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxSize)
                // Expired entries go by the injected clock too, so that tests move time instead of sleeping.
                .ticker(new ClockTicker(clock))
                .expireAfter(new UntilValid(clock))
                // Eviction work in small amortised steps on the calling thread: no pool, no thread of its own.
                .executor(Runnable::run)
                .build();
    }

    /** The authentication of a token verified before and still valid, or {@code null}. */
    AuthenticationResult get(String token) {
        String key = key(token);
        Entry entry = entries.getIfPresent(key);
        return entry == null || !entry.holds(token) ? null : valid(key, entry);
    }

    /** The same for a whole {@code Authorization} header in its usual form, {@code Bearer <token>}. */
    AuthenticationResult getForHeader(String header) {
        String key = key(header);
        Entry entry = entries.getIfPresent(key);
        return entry == null || !entry.bearerHeader().equals(header) ? null : valid(key, entry);
    }

    private AuthenticationResult valid(String key, Entry entry) {
        Instant now = clock.instant();
        if (!now.isBefore(entry.validUntil()) || entry.keys().generation() != entry.keysGeneration()
                || !now.isBefore(entry.keys().trustedUntil())) {
            entries.asMap().remove(key, entry);
            return null;
        }
        return entry.result();
    }

    void put(String token, AuthenticationResult result, Instant expiresAt, KeySource keys, long keysGeneration) {
        entries.put(key(token), new Entry(BEARER + token, result, expiresAt.plus(skew), keys, keysGeneration));
    }

    private static String key(String token) {
        return token.length() <= KEY_CHARS ? token : token.substring(token.length() - KEY_CHARS);
    }

    /** Entries held now, after pending evictions ran. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** Each entry lives until its own {@code validUntil}, by the injected clock. */
    private record UntilValid(Clock clock) implements Expiry<String, Entry> {

        private static final Duration LONGEST = Duration.ofDays(365L * 100);

        @Override
        public long expireAfterCreate(String token, Entry entry, long currentTime) {
            Duration left = Duration.between(clock.instant(), entry.validUntil());
            // An exp centuries ahead would overflow nanoseconds; the get() check decides such entries anyway.
            return left.isNegative() ? 0 : left.compareTo(LONGEST) > 0 ? LONGEST.toNanos() : left.toNanos();
        }

        @Override
        public long expireAfterUpdate(String token, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(token, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
