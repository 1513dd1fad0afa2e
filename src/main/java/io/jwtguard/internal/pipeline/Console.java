package io.jwtguard.internal.pipeline;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.authn.Check;
import io.jwtguard.internal.authz.RuleReport;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.authz.Rule;
import io.jwtguard.internal.diagnostics.Text;
import io.jwtguard.internal.revocation.RevocationService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The development console ({@code /jwtguard/console}): one page and the JSON it polls, the rule table, the latest
 * refusals, the token doctor and the effective settings (secrets only as set or not), answered by the authorization stage for {@link ConsoleEndpoint}. Built only with
 * development diagnostics. Answers loopback callers only, opened by a loopback host name (so a page on another
 * site cannot reach it by rebinding its name to 127.0.0.1). A pasted token is checked, never logged, kept or
 * echoed; every answer is {@code no-store}, {@code nosniff}, and the page runs under a CSP that allows only its
 * own script and style. Immutable; thread-safe.
 */
final class Console {

    static final int MAX_DOCTOR_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TIME_CLAIMS = Set.of("exp", "nbf", "iat", "auth_time");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Authenticator authenticator;
    private final RevocationService revocations;
    private final RecentRefusals recent;
    private final EffectiveSettings settings;
    private final Clock clock;

    Console(Authenticator authenticator, RevocationService revocations, RecentRefusals recent,
            EffectiveSettings settings, Clock clock) {
        this.authenticator = authenticator;
        this.revocations = revocations;
        this.recent = recent;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a console request asks for, by the part of its path after {@link ConsoleEndpoint#PATH}. */
    private enum Part {
        PAGE("", "GET"), STYLE("/console.css", "GET"), SCRIPT("/console.js", "GET"), RULES("/rules", "GET"),
        REFUSALS("/refusals", "GET"), SETTINGS("/settings", "GET"), KEYS("/keys", "GET"), DOCTOR("/doctor", "POST"),
        UNKNOWN(null, null);

        private final String path;
        private final String method;

        Part(String path, String method) {
            this.path = path;
            this.method = method;
        }

        static Part of(String path) {
            for (Part part : values()) {
                if (path.equals(part.path)) {
                    return part;
                }
            }
            return UNKNOWN;
        }
    }

    /** @param pipeline the authorizing pipeline: its rules, and the one place a rule is applied to a caller */
    void answer(HttpServletRequest request, HttpServletResponse response, Pipeline pipeline) throws IOException {
        RuleReport rules = pipeline.registrations().report();
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (!isLoopback(request.getRemoteAddr())) {
            text(response, 403, "The JwtGuard console answers callers on this machine (loopback) only.");
            return;
        }
        if (!isLoopbackHost(request.getHeader("Host"))) {
            text(response, 403, "Open the JwtGuard console as localhost, 127.0.0.1 or [::1].");
            return;
        }
        String base = request.getContextPath() + ConsoleEndpoint.PATH;
        String uri = request.getRequestURI();
        Part part = uri.startsWith(base) ? Part.of(uri.substring(base.length())) : Part.UNKNOWN;
        if (part == Part.UNKNOWN) {
            text(response, 404, "No such part of the JwtGuard console.");
            return;
        }
        if (!part.method.equals(request.getMethod())) {
            response.setHeader("Allow", part.method);
            text(response, 405, "Use " + part.method + " here.");
            return;
        }
        switch (part) {
            case PAGE -> send(response, 200, "text/html;charset=UTF-8",
                    ConsolePage.render(base, rules, pipeline.rest().resourceRows(), recent.latest(), settings,
                            authenticator.keySets())
                            .getBytes(StandardCharsets.UTF_8));
            case STYLE -> send(response, 200, "text/css;charset=UTF-8", ConsolePage.resource("console.css"));
            case SCRIPT -> send(response, 200, "text/javascript;charset=UTF-8", ConsolePage.resource("console.js"));
            case RULES -> json(response, 200, rulesJson(rules, pipeline.rest().resourceRows()));
            case REFUSALS -> json(response, 200, Map.of("refusals", recent.latest().stream().map(Console::entry).toList()));
            case SETTINGS -> json(response, 200, Map.of("settings", settings.rows(), "warnings", settings.warnings()));
            case KEYS -> json(response, 200, Map.of("keySets", authenticator.keySets()));
            case DOCTOR -> doctor(request, response, pipeline);
            case UNKNOWN -> throw new IllegalStateException("answered above");
        }
    }

    /** Literal addresses only: a remote address is never looked up. */
    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (a.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return true;
        }
        String lower = a.toLowerCase(Locale.ROOT);
        return lower.equals("::1") || lower.equals("0:0:0:0:0:0:0:1") || lower.startsWith("::ffff:127.");
    }

    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) {
            name = name.substring(0, colon);
        }
        return LOOPBACK_HOSTS.contains(name) || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** @param resources the Jakarta REST resource methods' rules, by HTTP method and path */
    private static Map<String, Object> rulesJson(RuleReport report, Map<String, String> resources) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RuleReport.Row row : report.rows()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("servlet", row.servlet());
            shown.put("class", row.className());
            shown.put("mappings", row.mappings());
            shown.put("methods", row.methods());
            shown.put("loginNeedsAuthentication", row.loginNeedsAuthentication());
            rows.add(shown);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fallback", report.fallback());
        json.put("servlets", rows);
        json.put("resourceMethods", resources.entrySet().stream()
                .map(resource -> Map.of("endpoint", resource.getKey(), "rule", resource.getValue())).toList());
        return json;
    }

    private static Map<String, Object> entry(RecentRefusals.Entry entry) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("time", entry.time().truncatedTo(ChronoUnit.MILLIS).toString());
        shown.put("method", entry.method());
        shown.put("path", entry.path());
        shown.put("status", entry.status());
        shown.put("reason", entry.reason());
        shown.put("correlationId", entry.correlationId());
        shown.put("step", entry.step());
        return shown;
    }

    /**
     * The doctor on the live configuration. Only a JSON body (a page on another origin cannot send one without a
     * preflight this console never answers); the token goes to the authenticator and nowhere else.
     */
    private void doctor(HttpServletRequest request, HttpServletResponse response, Pipeline pipeline)
            throws IOException {
        String type = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            json(response, 415, Map.of("error", "send the token as JSON: {\"token\": \"...\"}"));
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_DOCTOR_BYTES + 1);
        }
        if (body.length > MAX_DOCTOR_BYTES) {
            json(response, 413, Map.of("error", "at most " + MAX_DOCTOR_BYTES + " bytes"));
            return;
        }
        JsonNode token;
        JsonNode asked;
        try {
            asked = JSON.readTree(body);
            token = asked.path("token");
        } catch (JsonProcessingException e) {
            json(response, 400, Map.of("error", "the body is not JSON: send {\"token\": \"...\"}"));
            return;
        }
        if (!token.isTextual() || token.asText().isBlank()) {
            json(response, 400, Map.of("error", "paste a token (or a whole Authorization header)"));
            return;
        }
        Endpoint endpoint = Endpoint.asked(asked, pipeline);
        if (endpoint == null && asked.hasNonNull("servlet") && !asked.path("servlet").asText().isEmpty()) {
            json(response, 400, Map.of("error", "no such servlet, or no such method: pick them from the rule table"));
            return;
        }
        json(response, 200, checkup(token.asText(), endpoint, pipeline, request));
    }

    /** "What would this endpoint say": a servlet of the rule table and an HTTP method, both optional. */
    private record Endpoint(String servlet, String method) {
        private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
                "TRACE");

        static Endpoint asked(JsonNode body, Pipeline pipeline) {
            String servlet = body.path("servlet").asText("");
            String method = body.path("method").asText("GET");
            boolean known = pipeline.registrations().report().rows().stream().anyMatch(row -> row.servlet().equals(servlet));
            return known && METHODS.contains(method) ? new Endpoint(servlet, method) : null;
        }

        String describe() {
            return method + " on servlet '" + Text.shortValue(servlet) + "'";
        }
    }

    private Map<String, Object> checkup(String pasted, Endpoint endpoint, Pipeline pipeline,
            HttpServletRequest request) {
        String value = Checkup.headerValue(pasted);
        String header = value.matches("\\S+") ? "Bearer " + value : value;
        AuthenticationResult result = authenticator.authenticate(List.of(header), null);
        List<Checkup.Step> steps = new ArrayList<>(Checkup.authentication(result));
        int next = Check.values().length + 1;
        Optional<Failure> endpointRefusal = Optional.empty();
        if (endpoint == null) {
            steps.add(new Checkup.Step(next, "roles or policy", Checkup.Verdict.SKIP,
                    "not checked: pick an endpoint to see what it would say", "", ""));
        } else {
            Rule rule = pipeline.registrations().rules().ruleFor(endpoint.servlet(), endpoint.method());
            endpointRefusal = pipeline.authorize(rule, revocations.check(result), request, false);
            String label = "roles or policy of " + endpoint.describe() + ": " + rule.describe() + " (" + rule.origin()
                    + ")";
            steps.add(endpointRefusal.isEmpty() ? new Checkup.Step(next, label, Checkup.Verdict.PASS, "", "", "")
                    : Checkup.failed(next, label, endpointRefusal.get()));
        }
        if (result.kind() == AuthenticationResult.Kind.AUTHENTICATED) {
            result = revocations.check(result);
            steps.add(result.kind() == AuthenticationResult.Kind.AUTHENTICATED
                    ? new Checkup.Step(next + 1, "not signed out", Checkup.Verdict.PASS, "", "", "")
                    : Checkup.failed(next + 1, "not signed out", result.failure()));
        } else {
            steps.add(new Checkup.Step(next + 1, "not signed out", Checkup.Verdict.SKIP,
                    "not reached: the filter stops at the first failure", "", ""));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("serverTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        if (result.kind() == AuthenticationResult.Kind.AUTHENTICATED) {
            json.put("result", "PASS");
            json.put("summary", "the filter lets this token through as '" + Text.shortValue(result.principal().getName())
                    + "' with roles " + Text.roleList(result.principal().getRoles(), 20));
        } else {
            json.put("result", "FAIL");
            json.put("reason", result.failure().reason().code());
            json.put("summary", "the filter answers " + result.failure().reason().status() + " "
                    + result.failure().reason().code());
        }
        if (endpoint != null) {
            json.put("endpoint", endpoint.describe() + (endpointRefusal.isEmpty()
                    ? " would let this token through to the servlet"
                    : " would answer " + endpointRefusal.get().reason().status() + " "
                            + endpointRefusal.get().reason().code()));
        }
        json.put("steps", steps.stream().map(Console::step).toList());
        json.put("token", decoded(header));
        return json;
    }

    private static Map<String, Object> step(Checkup.Step step) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("number", step.number());
        shown.put("label", step.label());
        shown.put("verdict", step.verdict().name());
        shown.put("detail", step.detail());
        shown.put("why", step.why());
        shown.put("fix", step.fix());
        return shown;
    }

    /** The token's header and claims, times in UTC; never the token, never its signature. */
    private static Map<String, Object> decoded(String header) {
        String[] parts = header.trim().split("\\s+");
        Map<String, Object> shown = new LinkedHashMap<>();
        if (parts.length != 2) {
            shown.put("readable", false);
            return shown;
        }
        try {
            DecodedJWT jwt = JWT.decode(parts[1]);
            shown.put("readable", true);
            Map<String, String> head = new LinkedHashMap<>();
            head.put("alg", Text.shortValue(jwt.getAlgorithm()));
            head.put("typ", Text.shortValue(jwt.getType()));
            head.put("kid", Text.shortValue(jwt.getKeyId()));
            shown.put("header", head);
            Map<String, String> claims = new LinkedHashMap<>();
            jwt.getClaims().entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(50)
                    .forEach(claim -> claims.put(Text.shortValue(claim.getKey()), shown(claim.getKey(), claim.getValue())));
            shown.put("claims", claims);
        } catch (JWTDecodeException e) {
            shown.put("readable", false);
        }
        return shown;
    }

    private static String shown(String name, Claim claim) {
        if (TIME_CLAIMS.contains(name) && claim.asLong() != null) {
            return Instant.ofEpochSecond(claim.asLong()) + " (" + claim.asLong() + ")";
        }
        return Text.shortValue(claim.asString() != null ? claim.asString() : claim.toString());
    }

    private static void json(HttpServletResponse response, int status, Object body) throws IOException {
        send(response, status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(body));
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, "text/plain;charset=UTF-8", message.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServletResponse response, int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
