package io.jwtguard.internal.dpop;

import io.jwtguard.internal.config.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL a request was made to, as a proof's {@code htu} names it (RFC 9449 §4.3: scheme, host, port and path, no
 * query or fragment), and the comparison of the two after RFC 3986 §6.2.2-6.2.3 normalisation (case of scheme and
 * host, default ports, percent-encoding, dot segments). Behind a trusted proxy, scheme, host and port are the
 * forwarded ones ({@code Forwarded}, else {@code X-Forwarded-Proto}, {@code -Host}, {@code -Port}); from any other
 * peer those headers are ignored, since a client could write them. Immutable and thread-safe.
 */
final class RequestUrl {

    /** The longest {@code htu} read; longer is no URL this server serves. */
    private static final int MAX_LENGTH = 4096;

    private final TrustedProxies proxies;

    RequestUrl(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /** The request's URL in normal form: {@code scheme://host[:port]/path}, the port only when not the default. */
    String of(HttpServletRequest request) {
        String scheme = request.getScheme();
        String host = request.getServerName();
        int port = request.getServerPort();
        if (proxies.trusts(request.getRemoteAddr())) {
            Forwarded forwarded = Forwarded.read(request);
            if (forwarded.proto() != null) {
                scheme = forwarded.proto();
                port = -1;
            }
            if (forwarded.host() != null) {
                HostPort hostPort = HostPort.parse(forwarded.host());
                if (hostPort != null) {
                    host = hostPort.host();
                    port = hostPort.port();
                }
            }
            if (forwarded.port() > 0) {
                port = forwarded.port();
            }
        }
        return normal(scheme, host, port, request.getRequestURI());
    }

    /** The normal form of a proof's {@code htu}, its query and fragment left out; null when it is no http(s) URL. */
    static String normalHtu(String htu) {
        if (htu.length() > MAX_LENGTH) {
            return null;
        }
        try {
            URI uri = new URI(htu);
            if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            return normal(scheme, uri.getHost(), uri.getPort(), uri.getRawPath());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String normal(String scheme, String host, int port, String rawPath) {
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        String lowerHost = host.toLowerCase(Locale.ROOT);
        if (lowerHost.indexOf(':') >= 0 && !lowerHost.startsWith("[")) {
            lowerHost = "[" + lowerHost + "]";
        }
        boolean defaultPort = port < 0 || port == 80 && lowerScheme.equals("http")
                || port == 443 && lowerScheme.equals("https");
        return lowerScheme + "://" + lowerHost + (defaultPort ? "" : ":" + port) + path(rawPath);
    }

    /** The path with its percent-encoding normalised and its dot segments removed; empty becomes {@code /}. */
    static String path(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' && i + 2 < rawPath.length() && hex(rawPath.charAt(i + 1)) >= 0 && hex(rawPath.charAt(i + 2)) >= 0) {
                char decoded = (char) (hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2)));
                if (unreserved(decoded)) {
                    path.append(decoded);
                } else {
                    path.append('%').append(Character.toUpperCase(rawPath.charAt(i + 1)))
                            .append(Character.toUpperCase(rawPath.charAt(i + 2)));
                }
                i += 2;
            } else {
                path.append(c);
            }
        }
        String normal = path.toString();
        if (normal.contains("/.")) {
            try {
                normal = new URI(null, null, normal, null).normalize().getRawPath();
            } catch (URISyntaxException e) {
                return normal;
            }
        }
        return normal.startsWith("/") ? normal : "/" + normal;
    }

    private static boolean unreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** What a trusted proxy forwarded: RFC 7239's {@code Forwarded} first element, else the X-Forwarded headers. */
    private record Forwarded(String proto, String host, int port) {

        static Forwarded read(HttpServletRequest request) {
            String forwarded = request.getHeader("Forwarded");
            if (forwarded != null && !forwarded.isBlank()) {
                String first = forwarded.split(",", 2)[0];
                String proto = null;
                String host = null;
                for (String pair : first.split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals < 0) {
                        continue;
                    }
                    String name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                    String value = unquoted(pair.substring(equals + 1).strip());
                    if (name.equals("proto")) {
                        proto = scheme(value);
                    } else if (name.equals("host")) {
                        host = value;
                    }
                }
                return new Forwarded(proto, host, -1);
            }
            String proto = scheme(first(request.getHeader("X-Forwarded-Proto")));
            String host = first(request.getHeader("X-Forwarded-Host"));
            int port = -1;
            String portText = first(request.getHeader("X-Forwarded-Port"));
            if (portText != null && portText.matches("\\d{1,5}")) {
                port = Integer.parseInt(portText);
            }
            return new Forwarded(proto, host, port);
        }

        private static String first(String header) {
            if (header == null) {
                return null;
            }
            String first = header.split(",", 2)[0].strip();
            return first.isEmpty() ? null : first;
        }

        private static String unquoted(String value) {
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1) : value;
        }

        private static String scheme(String value) {
            if (value == null) {
                return null;
            }
            String lower = value.toLowerCase(Locale.ROOT);
            return lower.equals("http") || lower.equals("https") ? lower : null;
        }
    }

    /** A forwarded {@code host[:port]}, IPv6 in brackets; null when it is not one. */
    private record HostPort(String host, int port) {

        static HostPort parse(String text) {
            String host = text;
            int port = -1;
            int colon = text.lastIndexOf(':');
            if (colon > 0 && colon > text.lastIndexOf(']')) {
                String portText = text.substring(colon + 1);
                if (!portText.matches("\\d{1,5}")) {
                    return null;
                }
                port = Integer.parseInt(portText);
                host = text.substring(0, colon);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return host.matches("[A-Za-z0-9.\\-:]{1,253}") ? new HostPort(host, port) : null;
        }
    }
}
