package io.jwtguard.internal.redis;

import io.jwtguard.RevocationStore;
import io.jwtguard.internal.config.RevocationSettings;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code jwtguard.revocation.store=redis}, through Lettuce. Each revocation is one key that Redis expires itself
 * at the revocation's {@code expiresAt}; recording one also increments a version key and publishes the entry,
 * all in one script, so no instance can see the version move without the entry being there. A refresh grant is
 * one key too, used up by one script. The connections, and how they fail while Redis is down, are
 * {@link RedisConnections}'. Public, with its constructor, only because the revocation service creates it by name
 * (so Lettuce is loaded only when it is chosen). Thread-safe.
 */
public final class RedisRevocationStore implements RevocationStore {

    /**
     * Records the entry, moves the version and logs the entry under it (the log keeps the last {@link #LOG_SIZE}),
     * so an instance that is behind reads only what changed since its version.
     */
    private static final String REVOKE = "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) "
            + "local version = redis.call('INCR', KEYS[2]) "
            + "redis.call('ZADD', KEYS[3], version, version .. '|' .. ARGV[1]) "
            + "redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[4]) + 1)) "
            + "redis.call('PUBLISH', ARGV[3], ARGV[1]) "
            + "return version";
    /** Changes kept in the log: an instance further behind than this reads every revocation instead. */
    static final int LOG_SIZE = 10_000;
    /** At most one warning about unreadable entries per this many milliseconds. */
    private static final long WARN_EVERY_MILLIS = 60_000;
    private static final System.Logger LOG = System.getLogger("io.jwtguard");
    /** Answers the grant as it was and marks it used; a grant already used stays as it is (a replay). */
    private static final String USE_GRANT = "local grant = redis.call('GET', KEYS[1]) "
            + "if not grant then return false end "
            + "if string.sub(grant, 1, 1) == '0' then redis.call('SET', KEYS[1], '1' .. string.sub(grant, 2), 'KEEPTTL') end "
            + "return grant";

    private final RevocationSettings settings;
    private final Clock clock;
    private final String revokedPrefix;
    private final String versionKey;
    private final String logKey;
    /** {@code SCAN}'s pattern for the revocations: the prefix with its glob characters escaped. */
    private final String revokedPattern;
    /** Values under the prefix that are not entries this version wrote, skipped since start. */
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong lastWarnedMillis = new AtomicLong(Long.MIN_VALUE);
    private final String channel;
    private final String refreshPrefix;
    private final String recordedPrefix;
    private final String sharedPrefix;
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private final RedisConnections connections;

    public RedisRevocationStore(RevocationSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        String prefix = settings.redisKeyPrefix();
        this.revokedPrefix = prefix + "revoked:";
        this.versionKey = prefix + "revocations-version";
        this.logKey = prefix + "revocations-log";
        this.revokedPattern = globEscaped(revokedPrefix) + "*";
        this.channel = prefix + "revocations";
        this.refreshPrefix = prefix + "refresh:";
        this.recordedPrefix = prefix + "dpop-proof:";
        this.sharedPrefix = prefix + "shared:";
        this.connections = new RedisConnections(settings, channel, this::heard);
    }

    /** Connects (again, after a failed first attempt); once connected, Lettuce keeps the connections up. */
    @Override
    public void start() throws IOException {
        connections.start();
    }

    private void heard(String message) {
        Entry entry;
        try {
            entry = Codec.decodeEntry(message);
        } catch (RuntimeException e) {
            return; // Not ours (another version, or someone else's message on the channel): the version poll decides.
        }
        listeners.forEach(listener -> listener.accept(entry));
    }

    private RedisCommands<String, String> commands() throws IOException {
        return connections.commands();
    }

    @Override
    public void revoke(Entry entry) throws IOException {
        long ttl = entry.expiresAt().toEpochMilli() - clock.millis();
        if (ttl <= 0) {
            return;
        }
        try {
            commands().eval(REVOKE, ScriptOutputType.INTEGER, new String[] {revokedPrefix + Codec.entryName(entry),
                    versionKey, logKey}, Codec.encode(entry), Long.toString(ttl), channel, Integer.toString(LOG_SIZE));
        } catch (RuntimeException e) {
            throw failed("recording a revocation", e);
        }
    }

    @Override
    public Collection<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try {
            RedisCommands<String, String> redis = commands();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(revokedPattern).limit(500));
                if (!page.getKeys().isEmpty()) {
                    for (KeyValue<String, String> value : redis.mget(page.getKeys().toArray(String[]::new))) {
                        if (value.hasValue()) {
                            readable(value.getKey(), value.getValue(), entries);
                        }
                    }
                }
                cursor = page;
            } while (!cursor.isFinished());
            return entries;
        } catch (RuntimeException e) {
            throw failed("reading the revocations", e);
        }
    }

    /** The log's changes after {@code version}, or empty when the log no longer reaches back that far. */
    @Override
    public Optional<List<Entry>> changesSince(long version) throws IOException {
        try {
            List<String> lines = commands().zrangebyscore(logKey, Range.create((double) version + 1, Double.POSITIVE_INFINITY),
                    Limit.create(0, LOG_SIZE));
            if (lines.isEmpty() || !lines.get(0).startsWith((version + 1) + "|")) {
                return Optional.empty();
            }
            List<Entry> changes = new ArrayList<>(lines.size());
            for (String line : lines) {
                readable(logKey, line.substring(line.indexOf('|') + 1), changes);
            }
            return Optional.of(changes);
        } catch (RuntimeException e) {
            throw failed("reading the revocations' changes", e);
        }
    }

    /**
     * Adds the entry in {@code value} to {@code entries}; one that cannot be read (another application's key under
     * this prefix, another version, a hand-made value) is skipped and counted: refusing every request, or
     * syncing nothing, for one stray value would let anyone who can write to Redis stop sign-outs everywhere.
     */
    private void readable(String key, String value, List<Entry> entries) {
        try {
            entries.add(Codec.decodeEntry(value));
        } catch (RuntimeException e) {
            long skipped = unreadable.incrementAndGet();
            long now = clock.millis();
            long last = lastWarnedMillis.get();
            if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY_MILLIS) && lastWarnedMillis.compareAndSet(last, now)) {
                LOG.log(System.Logger.Level.WARNING, "JwtGuard: skipped a value under " + key.substring(0,
                        Math.min(key.length(), revokedPrefix.length() + 8)) + "... in Redis that is not a revocation"
                        + " this JwtGuard wrote (" + skipped + " skipped since start); give each application its own"
                        + " jwtguard.revocation.redis.key-prefix");
            }
        }
    }

    /** Values skipped because they were not readable revocations, since start. */
    long unreadable() {
        return unreadable.get();
    }

    /** {@code text} matched literally by a Redis glob: {@code * ? [ ] \} escaped with a backslash. */
    static String globEscaped(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    @Override
    public long version() throws IOException {
        try {
            String version = commands().get(versionKey);
            return version == null ? 0 : Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw new IOException(versionKey + " in Redis is not a number");
        } catch (RuntimeException e) {
            throw failed("reading the revocations' version", e);
        }
    }

    @Override
    public void subscribe(Consumer<Entry> listener) {
        listeners.add(listener);
    }

    @Override
    public void saveRefreshGrant(String tokenHash, RefreshGrant grant) throws IOException {
        long ttl = grant.expiresAt().toEpochMilli() - clock.millis();
        if (ttl <= 0) {
            return;
        }
        try {
            commands().psetex(refreshPrefix + tokenHash, ttl, Codec.encode(grant));
        } catch (RuntimeException e) {
            throw failed("saving a refresh token", e);
        }
    }

    @Override
    public RefreshGrant useRefreshGrant(String tokenHash) throws IOException {
        try {
            String grant = commands().eval(USE_GRANT, ScriptOutputType.VALUE, refreshPrefix + tokenHash);
            return grant == null ? null : Codec.decodeGrant(grant);
        } catch (IllegalArgumentException e) {
            throw new IOException("Redis holds a refresh grant this JwtGuard cannot read");
        } catch (RuntimeException e) {
            throw failed("using a refresh token", e);
        }
    }

    @Override
    public void removeRefreshGrant(String tokenHash) throws IOException {
        try {
            commands().del(refreshPrefix + tokenHash);
        } catch (RuntimeException e) {
            throw failed("removing a refresh token", e);
        }
    }

    @Override
    public boolean recordOnce(String key, Instant expiresAt) throws IOException {
        long ttl = expiresAt.toEpochMilli() - clock.millis();
        if (ttl <= 0) {
            return true; // Already past its expiry: nothing left to guard.
        }
        try {
            return "OK".equals(commands().set(recordedPrefix + key, "1", SetArgs.Builder.nx().px(ttl)));
        } catch (RuntimeException e) {
            throw failed("recording a used DPoP proof", e);
        }
    }

    @Override
    public String shared(String key, String proposed) throws IOException {
        try {
            // SET NX GET (Redis 7.0): the value already there, or nothing when this call set it.
            String before = commands().setGet(sharedPrefix + key, proposed, SetArgs.Builder.nx());
            return before == null ? proposed : before;
        } catch (RuntimeException e) {
            throw failed("reading a shared value", e);
        }
    }

    private IOException failed(String what, RuntimeException e) {
        return new IOException("Redis at " + settings.redisUrl() + " failed " + what + ": " + e.getMessage());
    }

    @Override
    public void close() {
        connections.close();
    }
}
