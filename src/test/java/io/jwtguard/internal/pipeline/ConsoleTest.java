package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtguard.testing.CapturedLog;
import io.jwtguard.testing.FakeContainer;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The development console as the filter answers it: who may see it, what it shows, and what it never does. */
class ConsoleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @io.jwtguard.Authorize(roles = "Admin")
    static final class AdminServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    private static final class Chain implements FilterChain {
        ServletRequest passed;

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            passed = request;
        }
    }

    /** A request with what the console reads beside FakeRequest's: the caller's address, a body. */
    private static final class Caller extends HttpServletRequestWrapper {
        private final String address;
        private final String contentType;
        private final byte[] body;

        Caller(FakeRequest request, String address, String contentType, byte[] body) {
            super(request);
            this.address = address;
            this.contentType = contentType;
            this.body = body;
        }

        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public ServletInputStream getInputStream() {
            return FakeRequest.body(body);
        }
    }

    private final FakeContainer container = new FakeContainer()
            .servlet("admin", AdminServlet.class, "/api/admin")
            .servlet(ConsoleEndpoint.NAME, ConsoleEndpoint.class, ConsoleEndpoint.PATH);
    private final Chain chain = new Chain();
    private FakeResponse response = new FakeResponse();
    private Pipeline pipeline;

    @AfterEach
    void close() {
        Installation.of(container.context()).close();
    }

    private void start(String diagnostics) throws ServletException {
        start(diagnostics, Map.of());
    }

    private void start(String diagnostics, Map<String, String> more) throws ServletException {
        Map<String, String> params = new HashMap<>(TestSettings.hmacValues());
        params.put("jwtguard.diagnostics", diagnostics);
        params.putAll(more);
        container.filter("JwtGuard", FilterKind.ALL_STAGES.className(), params);
        new JwtGuardInitializer().onStartup(Set.of(), container.context());
        pipeline = Installation.of(container.context()).startFilter(FilterKind.ALL_STAGES, "JwtGuard");
    }

    private FakeResponse get(String path, String address) throws Exception {
        return send(FakeRequest.get(path), address, null, new byte[0]);
    }

    private FakeResponse send(FakeRequest request, String address, String contentType, byte[] body) throws Exception {
        response = new FakeResponse();
        request.servlet(ConsoleEndpoint.NAME).header("Host", "localhost:8080");
        pipeline.run(new Caller(request, address, contentType, body), response, chain);
        return response;
    }

    private FakeResponse doctor(String json) throws Exception {
        return send(FakeRequest.of("POST", ConsoleEndpoint.PATH + "/doctor"), "127.0.0.1", "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String expiredToken() {
        return Tokens.valid(Instant.now().minusSeconds(7200)).withExpiresAt(Instant.now().minusSeconds(3600))
                .withClaim("roles", List.of("Admin")).sign(Tokens.hs256());
    }

    @Test
    void aLoopbackCallerGetsThePageWithTheRuleTableUnderAStrictPolicy() throws Exception {
        start("development");

        FakeResponse page = get(ConsoleEndpoint.PATH, "127.0.0.1");

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentType()).startsWith("text/html");
        assertThat(page.body()).contains("<td>admin</td>", "/api/admin", "roles [Admin]", "id=\"rule-filter\"");
        assertThat(page.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'")
                .doesNotContain("unsafe");
        assertThat(chain.passed).isNull();
        assertThat(get(ConsoleEndpoint.PATH + "/console.js", "::1").getStatus()).isEqualTo(200);
        assertThat(JSON.readTree(get(ConsoleEndpoint.PATH + "/rules", "127.0.0.1").body()).path("servlets")
                .findValuesAsText("servlet")).contains("admin");
    }

    @Test
    void aCallerFromAnotherMachineGets403WithTheReason() throws Exception {
        start("development");

        FakeResponse refused = get(ConsoleEndpoint.PATH, "192.168.1.20");

        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.body()).contains("loopback").doesNotContain("admin");
        assertThat(get(ConsoleEndpoint.PATH + "/refusals", "10.0.0.1").getStatus()).isEqualTo(403);
    }

    @Test
    void aPageOfAnotherSiteRebindingItsNameToLoopbackGets403() throws Exception {
        start("development");
        response = new FakeResponse();

        pipeline.run(new Caller(FakeRequest.get(ConsoleEndpoint.PATH).servlet(ConsoleEndpoint.NAME)
                .header("Host", "attacker.example:8080"), "127.0.0.1", null, new byte[0]), response, chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.body()).contains("localhost");
    }

    @Test
    void withProductionDiagnosticsTheConsoleIsNotAnsweredAndNothingIsKept() throws Exception {
        start("production");

        FakeResponse answer = get(ConsoleEndpoint.PATH, "127.0.0.1");

        // The filter lets it go to the servlet, which answers 404 on its own (it is not even registered then).
        assertThat(answer.body()).doesNotContain("JwtGuard console");
        assertThat(chain.passed).isNotNull();
        assertThat(Installation.of(container.context()).authorizing().orElseThrow().guard().console()).isEmpty();
    }

    @Test
    void aRefusalAppearsWithItsReasonCorrelationIdAndFailingStepButNoQuery() throws Exception {
        start("development");
        FakeResponse refused = new FakeResponse();
        pipeline.run(FakeRequest.get("/api/admin;jsessionid=secret").servlet("admin").bearer(expiredToken()),
                refused, chain);
        String correlationId = JSON.readTree(refused.body()).path("correlationId").asText();

        JsonNode latest = JSON.readTree(get(ConsoleEndpoint.PATH + "/refusals", "127.0.0.1").body())
                .path("refusals").path(0);

        assertThat(correlationId).isNotEmpty();
        assertThat(latest.path("reason").asText()).isEqualTo("token_expired");
        assertThat(latest.path("status").asInt()).isEqualTo(401);
        assertThat(latest.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(latest.path("path").asText()).isEqualTo("/api/admin;...");
        assertThat(latest.path("step").asText()).contains("not expired");
        assertThat(get(ConsoleEndpoint.PATH, "127.0.0.1").body()).contains(correlationId);
    }

    @Test
    void theDoctorRunsTheLiveChecksAndNeverLogsOrEchoesTheToken() throws Exception {
        start("development");
        String token = expiredToken();
        String signature = token.substring(token.lastIndexOf('.') + 1);

        try (CapturedLog log = new CapturedLog()) {
            FakeResponse answer = doctor("{\"token\":\"" + token + "\"}");

            JsonNode json = JSON.readTree(answer.body());
            assertThat(answer.getStatus()).isEqualTo(200);
            assertThat(json.path("result").asText()).isEqualTo("FAIL");
            assertThat(json.path("reason").asText()).isEqualTo("token_expired");
            assertThat(json.path("steps").findValuesAsText("verdict")).startsWith("PASS", "PASS").contains("FAIL");
            assertThat(json.path("token").path("claims").path("exp").asText()).endsWith("Z (" + (
                    json.path("token").path("claims").path("exp").asText().replaceAll(".*\\((\\d+)\\)$", "$1")) + ")");
            assertThat(answer.body()).doesNotContain(token).doesNotContain(signature);
            assertThat(log.lines()).noneMatch(line -> line.contains(signature));
        }
    }

    @Test
    void theDoctorAnswersEveryBadBodyClearly() throws Exception {
        start("development");

        assertThat(send(FakeRequest.of("POST", ConsoleEndpoint.PATH + "/doctor"), "127.0.0.1", "text/plain",
                "token".getBytes(StandardCharsets.UTF_8)).getStatus()).isEqualTo(415);
        assertThat(doctor("not json").getStatus()).isEqualTo(400);
        assertThat(doctor("{\"token\": 5}").getStatus()).isEqualTo(400);
        assertThat(doctor("{\"token\":\"" + "a".repeat(Console.MAX_DOCTOR_BYTES) + "\"}").getStatus()).isEqualTo(413);
        assertThat(get(ConsoleEndpoint.PATH + "/doctor", "127.0.0.1").getStatus()).isEqualTo(405);
        assertThat(get(ConsoleEndpoint.PATH + "/nothing", "127.0.0.1").getStatus()).isEqualTo(404);
        assertThat(doctor("{\"token\":\"not-a-jwt\"}").body()).contains("malformed_token");
    }

    @Test
    void theSettingsShowWhereEachCameFromAndNeverASecret() throws Exception {
        start("development");
        String secret = TestSettings.hmacValues().get("jwtguard.key");

        JsonNode settings = JSON.readTree(get(ConsoleEndpoint.PATH + "/settings", "127.0.0.1").body()).path("settings");
        String page = get(ConsoleEndpoint.PATH, "127.0.0.1").body();

        assertThat(secret).isNotBlank();
        assertThat(settings.toString()).doesNotContain(secret);
        assertThat(page).doesNotContain(secret).contains("jwtguard.clock-skew");
        JsonNode key = find(settings, "jwtguard.key");
        assertThat(key.path("value").asText()).isEqualTo("set, fingerprint " + EffectiveSettings.fingerprint(secret))
                .matches("set, fingerprint [0-9a-f]{8}");
        assertThat(key.path("origin").asText()).isEqualTo("filter init-param");
        assertThat(find(settings, "jwtguard.diagnostics").path("value").asText()).isEqualTo("development");
        assertThat(find(settings, "jwtguard.revocation.redis.password").path("value").asText()).isEqualTo("not set");
        assertThat(find(settings, "jwtguard.cors.max-age").path("origin").asText()).isEqualTo("default");
        assertThat(find(settings, "jwtguard.cors.allow-credentials").path("value").asText()).isEqualTo("false");
    }

    @Test
    void theSettingsSectionListsTheNamesJwtGuardDoesNotKnowWithTheClosestOne() throws Exception {
        start("development", Map.of("jwtguard.unknown-settings", "warn", "jwtguard.audiance", "orders-api-value"));

        JsonNode warnings = JSON.readTree(get(ConsoleEndpoint.PATH + "/settings", "127.0.0.1").body()).path("warnings");
        String page = get(ConsoleEndpoint.PATH, "127.0.0.1").body();

        assertThat(warnings.toString()).contains("jwtguard.audiance: no such setting", "did you mean jwtguard.audience?")
                .doesNotContain("orders-api-value");
        assertThat(page).contains("Start-up warnings", "jwtguard.audiance: no such setting")
                .doesNotContain("orders-api-value");
    }

    @Test
    void theKeySetsShowEachIssuersSourceAndKeysButNeverTheSecret() throws Exception {
        start("development");
        String secret = TestSettings.hmacValues().get("jwtguard.key");

        JsonNode keySets = JSON.readTree(get(ConsoleEndpoint.PATH + "/keys", "127.0.0.1").body()).path("keySets");
        String page = get(ConsoleEndpoint.PATH, "127.0.0.1").body();

        assertThat(keySets).hasSize(1);
        assertThat(keySets.get(0).path("issuer").asText()).isEqualTo("default");
        assertThat(keySets.get(0).path("source").asText()).startsWith("configured HMAC secret");
        assertThat(keySets.get(0).path("keys").toString()).contains("HS256");
        assertThat(keySets.toString()).doesNotContain(secret);
        assertThat(page).contains("Key sets", "configured HMAC secret").doesNotContain(secret);
    }

    @Test
    void theDoctorSaysWhatAChosenEndpointWouldAnswerWithTheFiltersOwnRule() throws Exception {
        start("development");
        String user = Tokens.valid(Instant.now()).withClaim("roles", List.of("User")).sign(Tokens.hs256());
        String admin = Tokens.valid(Instant.now()).withClaim("roles", List.of("Admin")).sign(Tokens.hs256());

        JsonNode refused = JSON.readTree(doctor("{\"token\": \"" + user + "\", \"servlet\": \"admin\","
                + " \"method\": \"DELETE\"}").body());
        response = new FakeResponse();
        JsonNode admitted = JSON.readTree(doctor("{\"token\": \"" + admin + "\", \"servlet\": \"admin\"}").body());
        response = new FakeResponse();
        JsonNode expired = JSON.readTree(doctor("{\"token\": \"" + expiredToken() + "\", \"servlet\": \"admin\"}")
                .body());
        response = new FakeResponse();
        FakeResponse unknown = doctor("{\"token\": \"" + admin + "\", \"servlet\": \"nowhere\"}");

        assertThat(refused.path("endpoint").asText()).isEqualTo("DELETE on servlet 'admin' would answer 403"
                + " insufficient_role");
        assertThat(refused.path("steps").toString()).contains("roles [Admin]", "@Authorize on AdminServlet");
        assertThat(admitted.path("endpoint").asText()).isEqualTo("GET on servlet 'admin' would let this token through"
                + " to the servlet");
        assertThat(expired.path("endpoint").asText()).endsWith("would answer 401 token_expired");
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(unknown.body()).contains("pick them from the rule table");
    }

    @Test
    void theRuleTableHasTheJakartaRestResourceMethodsTheFeatureHandedOver() throws Exception {
        start("development");
        // What JwtGuardFeature records for each resource method Jakarta REST hands it (ResourceRules.configure).
        RestServlets.of(container.context()).resourceRow("GET /rest/orders/all",
                "roles [Admin] (@RolesAllowed on OrdersResource.all)");

        JsonNode rules = JSON.readTree(get(ConsoleEndpoint.PATH + "/rules", "127.0.0.1").body());
        String page = get(ConsoleEndpoint.PATH, "127.0.0.1").body();

        assertThat(rules.path("resourceMethods").toString()).contains("GET /rest/orders/all",
                "roles [Admin] (@RolesAllowed on OrdersResource.all)");
        assertThat(page).contains("<td>Jakarta REST</td><td>GET /rest/orders/all</td>",
                "@RolesAllowed on OrdersResource.all");
    }

    private static JsonNode find(JsonNode settings, String key) {
        for (JsonNode row : settings) {
            if (row.path("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no setting " + key + " in " + settings);
    }

    @Test
    void onlyLiteralLoopbackAddressesAndHostNamesCount() {
        assertThat(Console.isLoopback("127.0.0.1")).isTrue();
        assertThat(Console.isLoopback("127.1.2.3")).isTrue();
        assertThat(Console.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(Console.isLoopback("[::1]")).isTrue();
        assertThat(Console.isLoopback("128.0.0.1")).isFalse();
        assertThat(Console.isLoopback("localhost")).isFalse();
        assertThat(Console.isLoopback(null)).isFalse();
        assertThat(Console.isLoopbackHost("localhost:8080")).isTrue();
        assertThat(Console.isLoopbackHost("[::1]:8080")).isTrue();
        assertThat(Console.isLoopbackHost("127.0.0.1")).isTrue();
        assertThat(Console.isLoopbackHost("localhost.attacker.example")).isFalse();
        assertThat(Console.isLoopbackHost(null)).isFalse();
    }
}
