package io.jwtguard.internal.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.jwtguard.Reason;
import io.jwtguard.internal.authz.RuleReport;
import io.jwtguard.internal.config.DpopSettings;
import io.jwtguard.internal.config.Setting;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.cors.CorsDecision;
import io.jwtguard.internal.diagnostics.Failure;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes every answer JwtGuard makes itself, and nothing else does: each refusal (the status, the RFC 6750 §3
 * {@code WWW-Authenticate: Bearer} challenge, and an RFC 9457 {@code application/problem+json} body with the reason
 * code and correlation id), CORS headers and preflights, the development rule table, the protected resource metadata
 * and the token endpoints' answers. Where the container's own response must carry an answer (Jetty's
 * authentication), it sends the {@link Answer} built here. Immutable and thread-safe.
 */
public final class Responder {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String TYPE_PREFIX = "urn:jwtguard:reason:";
    /** Seconds a client should wait before retrying a refusal caused by the server (RFC 9110 §10.2.3). */
    static final String RETRY_AFTER_SECONDS = "30";

    private static final JsonFactory JSON = new JsonFactory();

    /** How long a client or cache may keep the protected resource metadata: briefly, so a change soon shows. */
    static final String METADATA_CACHE_CONTROL = "public, max-age=300";

    private final boolean development;
    /** By reason: the challenge up to the description, and after it (null where it carries no error). */
    private final String[] challengeOpenings;
    private final String[] challengeEndings;
    /** RFC 9728 §5.1: {@code , resource_metadata="<url>"} closing every challenge, or empty with no resource. */
    private final String resourceMetadata;

    Responder(Settings settings) {
        this(settings, "");
    }

    /** @param contextPath the application's context path, where the resource metadata is served */
    Responder(Settings settings, String contextPath) {
        this(settings.realm(), settings.development(), settings.resource().configured()
                ? settings.resource().metadataUrl(contextPath) : "", settings.dpop().mode(), settings.dpop().algorithms());
    }

    Responder(String realm, boolean development) {
        this(realm, development, "");
    }

    /** @param metadataUrl the absolute URL of the protected resource metadata, or empty when there is none */
    Responder(String realm, boolean development, String metadataUrl) {
        this(realm, development, metadataUrl, DpopSettings.Mode.ALLOWED, DpopSettings.SUPPORTED);
    }

    /**
     * @param dpop with {@code required}, every challenge is of the {@code DPoP} scheme (RFC 9449 §7.1); otherwise
     *     only those about a proof are, and the others stay {@code Bearer} challenges as RFC 6750 writes them
     * @param dpopAlgorithms the proof algorithms a {@code DPoP} challenge announces in {@code algs}
     */
    Responder(String realm, boolean development, String metadataUrl, DpopSettings.Mode dpop,
            java.util.List<String> dpopAlgorithms) {
        this.development = development;
        this.resourceMetadata = metadataUrl.isEmpty() ? "" : ", resource_metadata=\"" + metadataUrl + '"';
        this.challengeOpenings = new String[Reason.values().length];
        this.challengeEndings = new String[Reason.values().length];
        String dpopOpening = "DPoP realm=\"" + realm + "\", algs=\"" + String.join(" ", dpopAlgorithms) + '"';
        for (Reason reason : Reason.values()) {
            boolean dpopScheme = reason.aboutProof() || dpop == DpopSettings.Mode.REQUIRED;
            String opening = dpopScheme ? dpopOpening : "Bearer realm=\"" + realm + '"';
            if (reason.bearerError() != null) {
                opening += ", error=\"" + reason.bearerError() + "\", error_description=\"";
                challengeEndings[reason.ordinal()] = "\", reason=\"" + reason.code() + '"';
            }
            challengeOpenings[reason.ordinal()] = opening;
        }
    }

    /**
     * For refusals where no settings could be built or none apply (JwtGuard did not start, a dispatch before
     * any filter started): the default realm, and production diagnostics, so nothing configured is revealed.
     */
    static Responder withoutSettings() {
        return new Responder(Setting.REALM.defaultValue(), false);
    }

    /** Puts the CORS stage's headers on the response before any later stage decides its status. */
    void applyCors(HttpServletResponse response, CorsDecision decision) {
        for (CorsDecision.Header header : decision.headers()) {
            if (header.append()) {
                response.addHeader(header.name(), header.value());
            } else {
                response.setHeader(header.name(), header.value());
            }
        }
    }

    /** An accepted preflight: 204 with the headers already applied, no body, no authentication. */
    void answerPreflight(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setContentLength(0);
    }

    void refuse(HttpServletResponse response, Failure failure, String correlationId) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Answer answer = answer(failure, correlationId);
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentType(PROBLEM_JSON);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /**
     * A refusal as data: its status, headers and {@code application/problem+json} body. The servlet filter
     * writes it on the servlet response; a Jakarta REST resource's rule hands it to Jakarta REST to send.
     *
     * @param headers besides the content type, in the order they are set
     */
    public record Answer(int status, java.util.Map<String, String> headers, byte[] body) {
        public Answer {
            headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }
    }

    Answer answer(Failure failure, String correlationId) throws IOException {
        Reason reason = failure.reason();
        String detail = failure.describe(development);
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (reason.challenges()) {
            headers.put("WWW-Authenticate", challenge(reason, detail, failure.scope(), failure.challengeParams()));
        }
        if (!failure.dpopNonce().isEmpty()) {
            headers.put("DPoP-Nonce", failure.dpopNonce());
        }
        if (reason == Reason.KEY_SOURCE_UNAVAILABLE || reason == Reason.REVOCATION_UNAVAILABLE
                || reason == Reason.DPOP_UNAVAILABLE) {
            headers.put("Retry-After", RETRY_AFTER_SECONDS);
        }
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return new Answer(reason.status(), headers, problem(reason, detail, correlationId));
    }

    /**
     * RFC 6750 §3: no {@code error} when the request carried no usable credentials of this scheme
     * (§3.1: "SHOULD NOT include an error code or other error information"), otherwise the error, its
     * description and JwtGuard's reason code as an extension auth-param (RFC 9110 §11.2), so a browser
     * script that can read only this header still learns the precise reason.
     */
    String challenge(Reason reason, String detail) {
        return challenge(reason, detail, "");
    }

    /**
     * The challenge, with the {@code scope} the rule needs (RFC 6750 §3: space-separated scope-tokens, checked at
     * start-up) when it names any, and the {@code resource_metadata} URL (RFC 9728 §5.1) when a resource is
     * configured, so a client learns where to get a token and for which scopes.
     */
    String challenge(Reason reason, String detail, String scope) {
        return challenge(reason, detail, scope, "");
    }

    /**
     * The protected resource metadata (RFC 9728 §3.2): 200 with the JSON document for GET (HEAD: its headers), 405
     * for any other method. Public and the same for every caller, so cacheable for a short while; CORS headers are
     * already applied by the CORS stage.
     */
    void resourceMetadata(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
            ResourceMetadata metadata) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setHeader("Allow", "GET, HEAD");
            response.setContentLength(0);
            return;
        }
        byte[] body = metadata.json();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", METADATA_CACHE_CONTROL);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        if ("GET".equals(method)) {
            response.getOutputStream().write(body);
        }
    }

    /**
     * The challenge with a refusal's own auth-params after the description (RFC 9470 §3 {@code acr_values},
     * {@code max_age}), ahead of the reason code; then the {@code scope} and {@code resource_metadata} as above.
     */
    String challenge(Reason reason, String detail, String scope, String params) {
        String ending = challengeEndings[reason.ordinal()];
        String opening = challengeOpenings[reason.ordinal()];
        String challenge = ending == null ? opening
                : params.isEmpty() ? opening + detail + ending
                : opening + detail + "\", " + params + ending.substring(1);
        if (!scope.isEmpty()) {
            challenge += ", scope=\"" + scope + '"';
        }
        return challenge + resourceMetadata;
    }

    /** The development-only rule table, as JSON. */
    void rules(HttpServletResponse response, RuleReport report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("fallback", report.fallback());
            json.writeArrayFieldStart("servlets");
            for (RuleReport.Row row : report.rows()) {
                json.writeStartObject();
                json.writeStringField("servlet", row.servlet());
                json.writeStringField("class", row.className());
                json.writeArrayFieldStart("mappings");
                for (String mapping : row.mappings()) {
                    json.writeString(mapping);
                }
                json.writeEndArray();
                json.writeObjectFieldStart("methods");
                for (java.util.Map.Entry<String, String> method : row.methods().entrySet()) {
                    json.writeStringField(method.getKey(), method.getValue());
                }
                json.writeEndObject();
                json.writeBooleanField("loginNeedsAuthentication", row.loginNeedsAuthentication());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        json(response, HttpServletResponse.SC_OK, out);
    }

    /**
     * An answer of the token endpoints (RFC 6749 §5.1 and §5.2: a flat JSON object, never cached): strings,
     * numbers and booleans.
     */
    static void tokenEndpointAnswer(HttpServletResponse response, int status, java.util.Map<String, Object> fields)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (java.util.Map.Entry<String, Object> field : fields.entrySet()) {
                if (field.getValue() instanceof Number number) {
                    json.writeNumberField(field.getKey(), number.longValue());
                } else if (field.getValue() instanceof Boolean flag) {
                    json.writeBooleanField(field.getKey(), flag);
                } else {
                    json.writeStringField(field.getKey(), String.valueOf(field.getValue()));
                }
            }
            json.writeEndObject();
        }
        if (status == 503) {
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        response.setHeader("Pragma", "no-cache");
        json(response, status, out);
    }

    private static void json(HttpServletResponse response, int status, ByteArrayOutputStream body) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
    }

    /**
     * The RFC 9457 body: {@code type}, {@code title}, {@code status}, {@code detail}, {@code reason},
     * {@code correlationId}, in that order. What is the same for every refusal of a reason is escaped once; the
     * detail and the correlation id by Jackson's string encoder, for each refusal: a flood is answered without a
     * JSON generator built per request.
     */
    static byte[] problem(Reason reason, String detail, String correlationId) {
        byte[] opening = PROBLEM_OPENINGS[reason.ordinal()];
        byte[] middle = PROBLEM_MIDDLES[reason.ordinal()];
        byte[] escapedDetail = STRINGS.quoteAsUTF8(detail);
        byte[] escapedId = STRINGS.quoteAsUTF8(correlationId);
        ByteArrayOutputStream out = new ByteArrayOutputStream(opening.length + escapedDetail.length + middle.length
                + escapedId.length + 2);
        out.writeBytes(opening);
        out.writeBytes(escapedDetail);
        out.writeBytes(middle);
        out.writeBytes(escapedId);
        out.write('"');
        out.write('}');
        return out.toByteArray();
    }

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    /** By reason: the body up to the detail's value. Never written after class initialisation. */
    private static final byte[][] PROBLEM_OPENINGS = new byte[Reason.values().length][];
    /** By reason: the body between the detail's value and the correlation id's. */
    private static final byte[][] PROBLEM_MIDDLES = new byte[Reason.values().length][];

    static {
        for (Reason reason : Reason.values()) {
            PROBLEM_OPENINGS[reason.ordinal()] = ("{\"type\":\"" + quoted(TYPE_PREFIX + reason.code())
                    + "\",\"title\":\"" + quoted(reason.title()) + "\",\"status\":" + reason.status()
                    + ",\"detail\":\"").getBytes(StandardCharsets.UTF_8);
            PROBLEM_MIDDLES[reason.ordinal()] = ("\",\"reason\":\"" + quoted(reason.code()) + "\",\"correlationId\":\"")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String quoted(String text) {
        return new String(STRINGS.quoteAsString(text));
    }
}
