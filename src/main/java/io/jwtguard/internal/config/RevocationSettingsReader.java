package io.jwtguard.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Settings by concern: revocation and refresh tokens ({@code jwtguard.revocation.*},
 * {@code jwtguard.refresh-token.*}). Checks that a Redis URL is one and carries no password (which belongs in the
 * environment), and that the replica is synced more often than it may go stale. Not thread-safe; used once per
 * start-up.
 */
final class RevocationSettingsReader {

    private final SettingValues values;

    RevocationSettingsReader(SettingValues values) {
        this.values = values;
    }

    RevocationSettings revocation() {
        String store = values.text(Setting.REVOCATION_STORE);
        String url = values.text(Setting.REVOCATION_REDIS_URL);
        if (store.isEmpty()) {
            store = RevocationSettings.MEMORY;
        }
        if (RevocationSettings.REDIS.equals(store)) {
            url = redisUrl(url);
        } else if (!url.isEmpty()) {
            values.problem(Setting.REVOCATION_REDIS_URL, "is set, but " + Setting.REVOCATION_STORE.key() + " is '"
                    + store + "'; set " + Setting.REVOCATION_STORE.key() + "=redis to use it");
        } else if (!RevocationSettings.MEMORY.equals(store) && !store.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+")) {
            values.problem(Setting.REVOCATION_STORE, "'" + store + "' is not memory, redis or a class name");
        }
        Duration sync = values.duration(Setting.REVOCATION_SYNC_INTERVAL, null);
        Duration maxStale = values.duration(Setting.REVOCATION_MAX_STALE, null);
        if (!sync.isZero() && !maxStale.isZero() && maxStale.compareTo(sync.multipliedBy(2)) < 0) {
            values.problem(Setting.REVOCATION_MAX_STALE, "is " + maxStale.toMillis() + " ms, less than twice "
                    + Setting.REVOCATION_SYNC_INTERVAL.key() + " (" + sync.toMillis() + " ms): one late sync would"
                    + " already count as an outage");
        }
        String onFailure = values.text(Setting.REVOCATION_ON_STORE_FAILURE);
        if (!onFailure.equals("refuse") && !onFailure.equals("allow")) {
            values.problem(Setting.REVOCATION_ON_STORE_FAILURE, "'" + onFailure + "' is not refuse or allow");
        } else if (onFailure.equals("allow") && !RevocationSettings.MEMORY.equals(store)) {
            values.warn(Setting.REVOCATION_ON_STORE_FAILURE.key() + "=allow: while the revocation store is down past "
                    + Setting.REVOCATION_MAX_STALE.key() + ", tokens signed out on another instance are accepted here");
        }
        return new RevocationSettings(store, url, values.text(Setting.REVOCATION_REDIS_PASSWORD),
                values.duration(Setting.REVOCATION_REDIS_TIMEOUT, null), values.text(Setting.REVOCATION_REDIS_KEY_PREFIX),
                sync, maxStale, !onFailure.equals("allow"), values.duration(Setting.REFRESH_TOKEN_LIFETIME, null));
    }

    /** The URL as given when it is a Redis URL without a password; empty, with a problem, otherwise. */
    private String redisUrl(String url) {
        if (url.isEmpty()) {
            values.problem(Setting.REVOCATION_REDIS_URL, "is required with " + Setting.REVOCATION_STORE.key()
                    + "=redis, e.g. redis://localhost:6379");
            return "";
        }
        try {
            URI uri = new URI(url);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                values.problem(Setting.REVOCATION_REDIS_URL, "is not a redis:// or rediss:// URL with a host");
                return "";
            }
            if (uri.getUserInfo() != null) {
                // The URL is logged; the password is a secret.
                values.problem(Setting.REVOCATION_REDIS_URL, "holds a user or password; remove it from the URL and set"
                        + " JWTGUARD_REVOCATION_REDIS_PASSWORD in the environment");
                return "";
            }
            return url;
        } catch (URISyntaxException e) {
            values.problem(Setting.REVOCATION_REDIS_URL, "is not a URL");
            return "";
        }
    }
}
