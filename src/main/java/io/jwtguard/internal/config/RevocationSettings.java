package io.jwtguard.internal.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where sign-outs and refresh tokens are kept and how stale an instance's replica may get. Immutable.
 *
 * @param store {@code memory}, {@code redis}, or the class name of an {@code io.jwtguard.RevocationStore}
 * @param redisUrl the Redis URL, without a password; empty unless {@code store} is {@code redis}
 * @param redisPassword the Redis password, empty for none; never logged
 * @param redisTimeout bound on connecting to Redis and on each command
 * @param redisKeyPrefix prefix of every Redis key and of the channel
 * @param syncInterval how often the replica checks the store's version
 * @param maxStale how long after its last sync the replica alone decides
 * @param refuseWhenStale past {@code maxStale}: refuse ({@code true}) or decide on the replica and log
 * @param refreshTokenLifetime lifetime of each refresh token
 */
public record RevocationSettings(String store, String redisUrl, String redisPassword, Duration redisTimeout,
        String redisKeyPrefix, Duration syncInterval, Duration maxStale, boolean refuseWhenStale,
        Duration refreshTokenLifetime) {

    public static final String MEMORY = "memory";
    public static final String REDIS = "redis";

    public RevocationSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(redisPassword, "redisPassword");
        Objects.requireNonNull(redisTimeout, "redisTimeout");
        Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
        Objects.requireNonNull(syncInterval, "syncInterval");
        Objects.requireNonNull(maxStale, "maxStale");
        Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
    }

    public boolean memory() {
        return MEMORY.equals(store);
    }

    public boolean redis() {
        return REDIS.equals(store);
    }

    /** For the start-up line: the store and, for Redis, its URL (which never holds the password). */
    public String describe() {
        if (memory()) {
            return "in memory (this instance only)";
        }
        String where = redis() ? "redis " + redisUrl + (redisPassword.isEmpty() ? "" : " (password set)") : store;
        return where + ", sync every " + syncInterval.toMillis() + " ms, max stale " + maxStale.toSeconds() + " s then "
                + (refuseWhenStale ? "refuse" : "allow");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "RevocationSettings[" + describe() + "]";
    }
}
