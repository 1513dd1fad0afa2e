package io.jwtguard.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how to fetch an issuer's signing keys: a JWKS URL (RFC 7517 §5), or the issuer URL whose
 * OpenID discovery document ({@code /.well-known/openid-configuration}) names its {@code jwks_uri}.
 * Immutable.
 *
 * @param jwksUrl the key set's URL, when configured directly
 * @param authority the issuer URL to discover the key set from, when configured instead
 * @param connectTimeout bound on connecting, never zero
 * @param readTimeout bound on the whole response, never zero
 * @param cacheTtl how long keys are kept when the response says nothing ({@code Cache-Control: max-age} wins, within bounds)
 * @param minRefreshInterval at most one refetch per interval, however many unknown {@code kid}s arrive
 * @param maxBytes the largest document accepted
 */
public record JwksSettings(Optional<URI> jwksUrl, Optional<URI> authority, Duration connectTimeout,
        Duration readTimeout, Duration cacheTtl, Duration minRefreshInterval, int maxBytes) {

    /** The discovery document of {@link #authority()}. */
    public Optional<URI> discoveryUrl() {
        return authority.map(a -> URI.create(a.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration"));
    }

    /** Whether {@code uri} may be fetched: https, or http to a loopback host (tests, sidecars). */
    public static boolean allowed(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return uri.getHost() != null && (scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost()));
    }

    static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }
}
