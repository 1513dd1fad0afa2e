package io.jwtguard.internal.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jwtguard.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers tokens that verified, so a client that sends the same token again skips the signature
 * check (an RSA or EC verify costs tens of microseconds to milliseconds). It can never change a decision:
 * its verified part keeps only successes, keyed by the exact token; an entry is used only while the token's
 * {@code exp} (plus the skew) is still ahead of the clock, checked at every hit, only while its issuer's keys
 * are the ones it verified with, and never past those keys' TTL. An entry holds the authentication alone (the
 * caller's name, roles and claims as plain values), never the decoded token.
 * <p>
 * Apart from them, and fewer ({@link #refusalsFor}), it remembers tokens refused for a reason the token and the
 * keys alone decide ({@link #remembersRefusal}: a forged signature, not a JWT, a wrong issuer or audience), so a
 * flood that repeats one bad token costs a lookup per request, not a decode and a signature check. Never a
 * refusal that time or a key fetch could turn (expired, not yet valid, an unknown {@code kid}, keys unavailable);
 * a refusal made with an issuer's keys ends with those keys, as a verified token's entry does; and a flood of
 * distinct bad tokens only churns the refusals' own bound, never the verified tokens'. Both bounded by
 * Caffeine, whose eviction costs amortised constant time. Thread-safe.
 */
final class TokenCache {

    /**
     * One token decided before, kept as the header that usually carries it ({@code Bearer <token>}, so that header
     * is compared whole, without copying the token out of it), with its authentication (the caller's claims
     * compacted, its roles an index into them: see {@link PackedStrings}) or its refusal, until when, and under
     * which generation of its issuer's keys ({@code keys} null for a refusal decided before any issuer's keys).
     */
    private record Entry(String bearerHeader, AuthenticationResult result, Instant validUntil, KeySource keys,
            long keysGeneration) {

        boolean holds(String token) {
            int length = token.length();
            return bearerHeader.length() == BearerGrammar.USUAL_PREFIX.length() + length
                    && bearerHeader.regionMatches(BearerGrammar.USUAL_PREFIX.length(), token, 0, length);
        }
    }

    /**
     * Entries are found by the token's last characters (its signature's), whose hash costs the same for
     * any token length, and then compared with the whole token (a vectorised comparison): a hit costs about
     * the same for a 300-character token and an 8 KiB one. A forged token that shares those characters is
     * not equal, so it misses, and only verified tokens are ever put.
     */
    private static final int KEY_CHARS = 32;

    /** How long a refusal is remembered at most: it cannot turn by time, so this only lets a flood's tokens go. */
    static final Duration REFUSAL_MEMORY = Duration.ofMinutes(1);

    /** The refusals that time, keys or the request's form could never turn, and only those. */
    private static final java.util.Set<Reason> REMEMBERED_REFUSALS = java.util.EnumSet.of(Reason.INVALID_SIGNATURE,
            Reason.MALFORMED_TOKEN, Reason.ALGORITHM_NOT_ALLOWED, Reason.ISSUER_MISMATCH, Reason.AUDIENCE_MISMATCH,
            Reason.MISSING_REQUIRED_CLAIM, Reason.ID_TOKEN_PRESENTED);

    private final Cache<String, Entry> entries;
    private final Cache<String, Entry> refusals;
    private final Duration skew;
    private final Clock clock;

    TokenCache(int maxSize, Duration skew, Clock clock) {
        this.skew = skew;
        this.clock = clock;
        this.entries = bounded(maxSize, clock);
        this.refusals = bounded(refusalsFor(maxSize), clock);
    }

    /** A tenth of the verified tokens' bound, at least one: room for the few bad tokens a flood repeats. */
    static int refusalsFor(int maxSize) {
        return Math.max(1, maxSize / 10);
    }

    private static Cache<String, Entry> bounded(int maxSize, Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(maxSize)
                // Expired entries go by the injected clock too, so that tests move time instead of sleeping.
                .ticker(new ClockTicker(clock))
                .expireAfter(new UntilValid(clock))
                // Eviction work in small amortised steps on the calling thread: no pool, no thread of its own.
                .executor(Runnable::run)
                .build();
    }

    /**
     * The decision for a token decided before and still standing, or {@code null}: its authentication if it
     * verified, its refusal if it was refused for a reason that cannot have changed.
     */
    AuthenticationResult get(String token) {
        String key = key(token);
        AuthenticationResult known = get(entries, key, token);
        return known != null ? known : get(refusals, key, token);
    }

    /** The same for a whole {@code Authorization} header in its usual form, {@code Bearer <token>}. */
    AuthenticationResult getForHeader(String header) {
        String key = key(header);
        AuthenticationResult known = getForHeader(entries, key, header);
        return known != null ? known : getForHeader(refusals, key, header);
    }

    private AuthenticationResult get(Cache<String, Entry> cache, String key, String token) {
        Entry entry = cache.getIfPresent(key);
        return entry == null || !entry.holds(token) ? null : valid(cache, key, entry);
    }

    private AuthenticationResult getForHeader(Cache<String, Entry> cache, String key, String header) {
        Entry entry = cache.getIfPresent(key);
        return entry == null || !entry.bearerHeader().equals(header) ? null : valid(cache, key, entry);
    }

    private AuthenticationResult valid(Cache<String, Entry> cache, String key, Entry entry) {
        Instant now = clock.instant();
        KeySource keys = entry.keys();
        if (!now.isBefore(entry.validUntil()) || keys != null && (keys.generation() != entry.keysGeneration()
                || !now.isBefore(keys.trustedUntil()))) {
            cache.asMap().remove(key, entry);
            return null;
        }
        return entry.result();
    }

    void put(String token, AuthenticationResult result, Instant expiresAt, KeySource keys, long keysGeneration) {
        entries.put(key(token), new Entry(BearerGrammar.USUAL_PREFIX + token, result, expiresAt.plus(skew), keys,
                keysGeneration));
    }

    /**
     * Whether a refusal is one that only the token and the keys decided, so the same token under the same keys
     * is refused the same way at any time: not at the key lookup (a fetch may bring the key), not by time.
     */
    static boolean remembersRefusal(AuthenticationResult result) {
        return result.kind() == AuthenticationResult.Kind.FAILED && result.checks().failed() != Check.KEY
                && REMEMBERED_REFUSALS.contains(result.failure().reason());
    }

    /**
     * Remembers a refusal {@link #remembersRefusal} accepts, of a token in RFC 6750's grammar (so its header is
     * refused the same way, before the grammar check a lookup skips), for at most {@link #REFUSAL_MEMORY}.
     *
     * @param keys the issuer's keys it was checked with, and their generation before the check; null when it was
     *     refused before any issuer was chosen
     */
    void putRefusal(String token, AuthenticationResult refusal, KeySource keys, long keysGeneration) {
        if (remembersRefusal(refusal) && BearerGrammar.firstInvalidCharacter(token) < 0) {
            refusals.put(key(token), new Entry(BearerGrammar.USUAL_PREFIX + token, refusal,
                    clock.instant().plus(REFUSAL_MEMORY), keys, keysGeneration));
        }
    }

    private static String key(String token) {
        return token.length() <= KEY_CHARS ? token : token.substring(token.length() - KEY_CHARS);
    }

    /** Verified tokens held now, after pending evictions ran. */
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
