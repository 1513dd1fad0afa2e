package io.jwtguard.internal.cors;

import io.jwtguard.Reason;
import io.jwtguard.internal.config.CorsSettings;
import io.jwtguard.internal.config.Setting;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The CORS stage (Fetch standard, "CORS protocol"): classifies a request as not CORS, a preflight or an
 * actual cross-origin request, then answers preflights itself, before any authentication, and decides
 * which {@code Access-Control-*} headers every other response carries. Origins are compared exactly; an
 * origin is never reflected unless it is allowed. Immutable and thread-safe; header values are computed
 * once, at start-up.
 */
public final class CorsPolicy {

    /** How a request relates to CORS (Fetch §3.2.2 and §3.2.3). */
    enum Classification { NOT_CORS, PREFLIGHT, ACTUAL }

    private static final CorsDecision.Header VARY_ORIGIN = new CorsDecision.Header("Vary", "Origin", true);
    private static final CorsDecision.Header VARY_PREFLIGHT = new CorsDecision.Header("Vary",
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers", true);
    private static final CorsDecision CONTINUE_PLAIN = new CorsDecision(CorsDecision.Kind.CONTINUE, List.of(), null);

    private final CorsSettings settings;
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAge;

    public CorsPolicy(CorsSettings settings) {
        this.settings = settings;
        this.allowMethods = String.join(", ", settings.methods());
        this.allowHeaders = String.join(", ", settings.headers());
        this.exposeHeaders = String.join(", ", settings.exposedHeaders());
        this.maxAge = Long.toString(settings.maxAge().toSeconds());
    }

    public CorsDecision decide(HttpServletRequest request) {
        if (!settings.enabled()) {
            return CONTINUE_PLAIN;
        }
        return decide(request.getMethod(), headers(request, "Origin"),
                headers(request, "Access-Control-Request-Method"), headers(request, "Access-Control-Request-Headers"));
    }

    /** A container may answer null when it does not let the application read a header (Servlet 6.0). */
    private static List<String> headers(HttpServletRequest request, String name) {
        java.util.Enumeration<String> values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    /** The decision from the raw method and header values, for callers without a request. */
    CorsDecision decide(String method, List<String> origins, List<String> requestMethods, List<String> requestHeaders) {
        if (!settings.enabled()) {
            return CONTINUE_PLAIN;
        }
        return switch (classify(method, origins, requestMethods)) {
            case NOT_CORS -> new CorsDecision(CorsDecision.Kind.CONTINUE, List.of(VARY_ORIGIN), null);
            case ACTUAL -> actual(origins);
            case PREFLIGHT -> preflight(origins, requestMethods, requestHeaders);
        };
    }

    static Classification classify(String method, List<String> origins, List<String> requestMethods) {
        if (origins.isEmpty()) {
            return Classification.NOT_CORS;
        }
        // An OPTIONS without Access-Control-Request-Method is an ordinary request, authenticated as usual.
        return "OPTIONS".equals(method) && !requestMethods.isEmpty() ? Classification.PREFLIGHT : Classification.ACTUAL;
    }

    private CorsDecision actual(List<String> origins) {
        List<CorsDecision.Header> headers = new ArrayList<>();
        headers.add(VARY_ORIGIN);
        String origin = singleAllowedOrigin(origins);
        if (origin != null) {
            allowOrigin(headers, origin);
            if (!exposeHeaders.isEmpty()) {
                headers.add(new CorsDecision.Header("Access-Control-Expose-Headers", exposeHeaders, false));
            }
        }
        return new CorsDecision(CorsDecision.Kind.CONTINUE, headers, null);
    }

    private CorsDecision preflight(List<String> origins, List<String> requestMethods, List<String> requestHeaders) {
        String origin = singleAllowedOrigin(origins);
        if (origin == null) {
            String shown = origins.size() == 1 ? "'" + Text.shortValue(origins.get(0)) + "'" : origins.size() + " Origin headers";
            return refuse(Reason.CORS_ORIGIN_NOT_ALLOWED, "the origin " + shown + " may not call this API from a browser; the origins that may are listed in "
                            + Setting.CORS_ALLOWED_ORIGINS.key(),
                    "allowed: " + settings.origins() + settings.patterns() + (settings.anyOrigin() ? "[*]" : ""));
        }
        String method = requestMethods.size() == 1 ? requestMethods.get(0).strip() : "";
        if (!settings.methods().contains(method)) {
            return refuse(Reason.CORS_METHOD_NOT_ALLOWED, "the method '" + Text.shortValue(method)
                    + "' may not be used cross-origin; see " + Setting.CORS_ALLOWED_METHODS.key(), "allowed: " + allowMethods);
        }
        for (String value : requestHeaders) {
            for (String header : value.split(",")) {
                String name = header.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !settings.headers().contains(name)) {
                    return refuse(Reason.CORS_HEADER_NOT_ALLOWED, "the header '" + Text.shortValue(name)
                            + "' may not be sent cross-origin; see " + Setting.CORS_ALLOWED_HEADERS.key(), "allowed: " + allowHeaders);
                }
            }
        }
        List<CorsDecision.Header> headers = new ArrayList<>();
        headers.add(VARY_PREFLIGHT);
        allowOrigin(headers, origin);
        headers.add(new CorsDecision.Header("Access-Control-Allow-Methods", allowMethods, false));
        if (!allowHeaders.isEmpty()) {
            headers.add(new CorsDecision.Header("Access-Control-Allow-Headers", allowHeaders, false));
        }
        headers.add(new CorsDecision.Header("Access-Control-Max-Age", maxAge, false));
        return new CorsDecision(CorsDecision.Kind.ANSWER_PREFLIGHT, headers, null);
    }

    /** The origin when there is exactly one and it is allowed; two Origin headers are never trusted. */
    private String singleAllowedOrigin(List<String> origins) {
        if (origins.size() != 1) {
            return null;
        }
        String origin = origins.get(0);
        return settings.allows(origin) ? origin : null;
    }

    private void allowOrigin(List<CorsDecision.Header> headers, String origin) {
        // '*' never goes with credentials (the loader refuses that), and an allowed origin is echoed only
        // after the exact comparison above.
        boolean wildcard = settings.anyOrigin() && !settings.origins().contains(origin) && !settings.allowCredentials();
        headers.add(new CorsDecision.Header("Access-Control-Allow-Origin", wildcard ? "*" : origin, false));
        if (settings.allowCredentials()) {
            headers.add(new CorsDecision.Header("Access-Control-Allow-Credentials", "true", false));
        }
    }

    private static CorsDecision refuse(Reason reason, String description, String expected) {
        return new CorsDecision(CorsDecision.Kind.REFUSE_PREFLIGHT, List.of(VARY_PREFLIGHT),
                new Failure(reason, description, expected, null));
    }
}
