package io.jwtguard.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * The JWKS of one issuer block: its URL or its OpenID discovery authority, each an https URL without credentials
 * (plain http only to a loopback host), and the fetch's timeouts, cache times and size limit. Not thread-safe;
 * used once per start-up.
 */
final class JwksSettingsReader {

    private static final String TIMEOUT_WHY = "request threads wait this long at most, keep it under a minute";

    private final SettingValues values;

    JwksSettingsReader(SettingValues values) {
        this.values = values;
    }

    /** Empty, with a problem, when neither URL is usable. */
    Optional<JwksSettings> jwks(String jwksUrl, String authority) {
        Optional<URI> url = fetchable(Setting.JWKS_URL, jwksUrl);
        Optional<URI> issuerUrl = fetchable(Setting.AUTHORITY, authority);
        Duration connect = values.duration(Setting.JWKS_CONNECT_TIMEOUT, TIMEOUT_WHY);
        Duration read = values.duration(Setting.JWKS_READ_TIMEOUT, TIMEOUT_WHY);
        Duration ttl = values.duration(Setting.JWKS_CACHE_TTL, null);
        Duration interval = values.duration(Setting.JWKS_MIN_REFRESH_INTERVAL, null);
        Duration maxStale = values.duration(Setting.JWKS_MAX_STALE, "a key the provider withdrew keeps working that"
                + " long while it cannot be reached");
        int maxBytes = values.number(Setting.JWKS_MAX_BYTES);
        if (url.isEmpty() && issuerUrl.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JwksSettings(url, issuerUrl, connect, read, ttl, interval, maxStale, maxBytes));
    }

    private Optional<URI> fetchable(Setting setting, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (uri.getRawUserInfo() != null) {
                // Key URLs are logged with every fetch; credentials in them would be logged too.
                values.problem(setting, "holds credentials (user:password@); key sets are public, remove them");
                return Optional.empty();
            }
            if (!JwksSettings.allowed(uri)) {
                values.problem(setting, "'" + value + "' must be an https URL (plain http only to a loopback host);"
                        + " keys fetched over http could be replaced by anyone on the path");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            values.problem(setting, "'" + value + "' is not a URL");
            return Optional.empty();
        }
    }
}
