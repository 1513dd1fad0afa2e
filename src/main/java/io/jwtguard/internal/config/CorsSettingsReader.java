package io.jwtguard.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Settings by concern: CORS (Fetch standard "CORS protocol"). Origins are exact
 * {@code scheme://host[:port]} strings as browsers serialise them, or {@code scheme://*.domain} patterns;
 * never regular expressions; {@code *} never with credentials. Not thread-safe; used once per start-up.
 */
final class CorsSettingsReader {

    private final SettingValues values;

    CorsSettingsReader(SettingValues values) {
        this.values = values;
    }

    CorsSettings cors() {
        List<String> entries = values.list(Setting.CORS_ALLOWED_ORIGINS);
        boolean credentials = values.bool(Setting.CORS_ALLOW_CREDENTIALS);
        if (entries.isEmpty()) {
            return CorsSettings.OFF;
        }
        Set<String> origins = new LinkedHashSet<>();
        List<CorsSettings.OriginPattern> patterns = new ArrayList<>();
        boolean any = false;
        for (String entry : entries) {
            if (entry.equals("*")) {
                any = true;
            } else if (entry.equals("null")) {
                origins.add(entry);
            } else if (entry.contains("null") && entry.contains("*")) {
                values.problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' puts null in a wildcard; 'null' is the opaque"
                        + " origin of sandboxed frames and file: pages and is allowed only when listed alone, exactly");
            } else {
                origin(entry, origins, patterns);
            }
        }
        if (any && credentials) {
            values.problem(Setting.CORS_ALLOW_CREDENTIALS, "credentials cannot be allowed for '*' (the Fetch standard"
                    + " forbids it, and reflecting every origin instead would hand any site the user's session);"
                    + " list the origins explicitly");
        }
        Set<String> methods = new LinkedHashSet<>(values.list(Setting.CORS_ALLOWED_METHODS));
        Set<String> headers = new LinkedHashSet<>();
        for (String header : values.list(Setting.CORS_ALLOWED_HEADERS)) {
            if (header.equals("*")) {
                values.problem(Setting.CORS_ALLOWED_HEADERS, "'*' is not supported; list the header names (a wildcard"
                        + " never covers Authorization in browsers anyway)");
            }
            headers.add(header.toLowerCase(Locale.ROOT));
        }
        if (!headers.contains("authorization")) {
            values.warn(Setting.CORS_ALLOWED_HEADERS.key() + " does not include Authorization: browsers on other"
                    + " origins cannot send bearer tokens, and their preflights are refused");
        }
        Duration maxAge = values.duration(Setting.CORS_MAX_AGE, null);
        return new CorsSettings(origins, patterns, any, List.copyOf(methods), List.copyOf(headers), values.list(Setting.CORS_EXPOSED_HEADERS),
                credentials, maxAge);
    }

    /** Accepts {@code scheme://host[:port]} or {@code scheme://*.domain[:port]} exactly as browsers serialise origins. */
    private void origin(String entry, Set<String> origins, List<CorsSettings.OriginPattern> patterns) {
        String lower = entry.toLowerCase(Locale.ROOT);
        int schemeEnd = lower.indexOf("://");
        String scheme = schemeEnd > 0 ? lower.substring(0, schemeEnd) : "";
        String rest = schemeEnd > 0 ? lower.substring(schemeEnd + 3) : "";
        if (!scheme.matches("[a-z][a-z0-9+.-]*") || rest.isEmpty()) {
            values.problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' is not an origin; write scheme://host[:port],"
                    + " e.g. https://app.example.com");
            return;
        }
        if (rest.contains("/") || rest.contains("?") || rest.contains("#") || rest.contains("@")) {
            values.problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' has a path, trailing slash, query or user;"
                    + " an origin is only scheme://host[:port] (browsers send it so, and it is compared exactly)");
            return;
        }
        int colon = rest.lastIndexOf(':');
        String host = colon > 0 && !rest.endsWith("]") ? rest.substring(0, colon) : rest;
        String port = colon > 0 && !rest.endsWith("]") ? rest.substring(colon + 1) : "";
        if (!port.isEmpty() && (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65_535)) {
            values.problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' has an invalid port");
            return;
        }
        if (port.equals("443") && scheme.equals("https") || port.equals("80") && scheme.equals("http")) {
            values.problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' names the default port, which browsers leave out"
                    + " of the Origin header; write " + scheme + "://" + host);
            return;
        }
        if (host.startsWith("*.")) {
            String domain = host.substring(2);
            if (domain.isEmpty() || domain.contains("*") || !domain.contains(".")) {
                values.problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "' is too broad or not a pattern; only"
                        + " scheme://*.domain.tld[:port] is supported, never regular expressions");
                return;
            }
            patterns.add(new CorsSettings.OriginPattern(scheme, domain, port));
        } else if (host.contains("*")) {
            values.problem(Setting.CORS_ALLOWED_ORIGINS, "'" + entry + "': a wildcard may only stand for the subdomains"
                    + " at the start of the host (scheme://*.example.com); never regular expressions");
        } else {
            origins.add(lower);
        }
    }
}
