package io.jwtguard.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CORS policy, checked once at start-up (Fetch standard, "CORS protocol"). Origins are serialised
 * origins ({@code scheme://host[:port]}, lower case, no path); a pattern is {@code scheme://*.domain[:port]}
 * and matches one or more DNS labels before {@code .domain}; {@code *} alone matches any origin but
 * {@code null}. Immutable and thread-safe; header values are computed here, once.
 *
 * @param origins exact origins allowed
 * @param patterns subdomain patterns allowed
 * @param anyOrigin whether {@code *} was listed
 * @param methods allowed methods in configured order, exact and case-sensitive (Fetch normalises only the standard ones)
 * @param headers allowed request headers, lower case
 * @param exposedHeaders response headers a script may read
 * @param allowCredentials whether cookies and HTTP authentication may be sent
 * @param maxAge how long a browser may cache a preflight
 */
public record CorsSettings(Set<String> origins, List<OriginPattern> patterns, boolean anyOrigin, List<String> methods,
        List<String> headers, List<String> exposedHeaders, boolean allowCredentials, Duration maxAge) {

    /** CORS switched off: no origin allowed, no header ever added. */
    public static final CorsSettings OFF = new CorsSettings(Set.of(), List.of(), false, List.of(), List.of(), List.of(),
            false, Duration.ZERO);

    public CorsSettings {
        origins = Set.copyOf(origins);
        patterns = List.copyOf(patterns);
        methods = List.copyOf(methods);
        headers = List.copyOf(headers);
        exposedHeaders = List.copyOf(exposedHeaders);
    }

    public boolean enabled() {
        return anyOrigin || !origins.isEmpty() || !patterns.isEmpty();
    }

    /** Whether a browser on {@code origin} may read responses; exact comparison, never a prefix or suffix. */
    public boolean allows(String origin) {
        if (origins.contains(origin)) {
            return true;
        }
        if (origin.equals("null")) {
            return false;
        }
        for (OriginPattern pattern : patterns) {
            if (pattern.matches(origin)) {
                return true;
            }
        }
        return anyOrigin;
    }

    /**
     * {@code scheme://*.domain[:port]}: the origin must have this scheme and port, and a host that is one
     * or more DNS labels followed by {@code .domain}. The dot is literal, so {@code evilexample.com}
     * never matches {@code *.example.com}.
     */
    public record OriginPattern(String scheme, String domain, String port) {

        boolean matches(String origin) {
            String prefix = scheme + "://";
            if (!origin.startsWith(prefix)) {
                return false;
            }
            String hostAndPort = origin.substring(prefix.length());
            String suffix = "." + domain + (port.isEmpty() ? "" : ":" + port);
            if (!hostAndPort.endsWith(suffix)) {
                return false;
            }
            String labels = hostAndPort.substring(0, hostAndPort.length() - suffix.length());
            if (labels.isEmpty() || labels.startsWith(".") || labels.endsWith(".") || labels.contains("..")) {
                return false;
            }
            for (int i = 0; i < labels.length(); i++) {
                char c = labels.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return (scheme + "://*." + domain + (port.isEmpty() ? "" : ":" + port)).toLowerCase(Locale.ROOT);
        }
    }
}
