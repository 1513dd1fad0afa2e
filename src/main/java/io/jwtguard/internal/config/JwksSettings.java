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
        Duration readTimeout, Duration cacheTtl, Duration minRefreshInterval, Duration maxStale, int maxBytes) {

    /** The discovery document of {@link #authority()}. */
    public Optional<URI> discoveryUrl() {
        return authority.map(a -> URI.create(a.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration"));
    }

    /** Whether {@code uri} may be fetched: https, or http to a loopback host (tests, sidecars). */
    public static boolean allowed(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return uri.getHost() != null && (scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost()));
    }

    /**
     * {@code localhost}, an IPv4 literal in 127.0.0.0/8 or the IPv6 literal {@code ::1} (in any spelling):
     * never a name that merely starts like one ({@code 127.attacker.example}, {@code 127.0.0.1.nip.io}), which
     * anybody's DNS may point anywhere.
     */
    static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        java.util.regex.Matcher ipv4 = IPV4.matcher(h);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return false;
                }
            }
            return ipv4.group(1).equals("127");
        }
        if (h.indexOf(':') >= 0 && IPV6.matcher(h).matches()) {
            try {
                // A literal with ':' is parsed, never looked up in DNS.
                return java.net.InetAddress.getByName(h).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+");
}
