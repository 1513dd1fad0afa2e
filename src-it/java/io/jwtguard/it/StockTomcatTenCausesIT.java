package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.it.DemoWar.Libraries;
import io.jwtguard.testing.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The article's ten causes of a 401 (docs/debugging-401.md), in its order, each provoked against WARs deployed into
 * a real Tomcat 11 started from its own script: each is named by the first answer's {@code reason}, or by the line
 * JwtGuard writes at start-up at the server's default log levels (none is raised here), with the deployment failed
 * where the configuration cannot work. The one place that walks all ten; each is also tested closer to its code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StockTomcatTenCausesIT {

    private static final String ORIGIN = SmokeChecks.ORIGIN;

    private StockServer server;
    private String base;

    @BeforeAll
    void deployAndStart() throws Exception {
        server = StockServer.tomcat("Tomcat 11 (the ten causes)", Path.of(System.getProperty("tomcat.home")),
                Integer.getInteger("tomcat.http.port"));
        String smokeXml = DemoWar.read("src-it/wars/smoke-web.xml");
        // The smoke application, plus @Authorize on a sign-in endpoint (cause 7).
        server.deploy("causes", DemoWar.create("causes", smokeXml.replace("</web-app>", """
                  <servlet>
                    <servlet-name>signin</servlet-name>
                    <servlet-class>io.jwtguard.it.app.LoginRequiringServlet</servlet-class>
                  </servlet>
                  <servlet-mapping><servlet-name>signin</servlet-name><url-pattern>/signin</url-pattern></servlet-mapping>
                </web-app>
                """), SmokeChecks.CONFIG, Libraries.PLAIN_WITH_CONFIG));
        // The three stages as separate filters, authentication mapped before CORS (cause 3).
        server.deploy("wrong-order", DemoWar.create("wrong-order", DemoWar.read("src-it/wars/wrong-order-web.xml"),
                SmokeChecks.CONFIG, Libraries.PLAIN_WITH_CONFIG));
        // Configurations that cannot work: their deployments must fail (causes 2 and 9).
        server.deploy("no-issuer", DemoWar.create("no-issuer", smokeXml, SmokeChecks.CONFIG + "\njwtguard.issuer=",
                Libraries.PLAIN_WITH_CONFIG));
        server.deploy("skew-too-large", DemoWar.create("skew-too-large", smokeXml,
                SmokeChecks.CONFIG + "\njwtguard.clock-skew=10m", Libraries.PLAIN_WITH_CONFIG));
        server.start(Map.of("JWTGUARD_KEY", SECRET));
        base = server.url("causes");
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @Order(1)
    void cause1MissingOrIncorrectAuthorizationHeader() throws Exception {
        // 1. Missing or incorrect Authorization header: no header at all.
        assertRefused(Http.get(base, "api/me", null), 401, "missing_token");
        // 1. The token sent in the body instead of the header: never read from there.
        assertRefused(Http.send(Http.request(base, "api/me").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("access_token=" + Tokens.demoToken("alice", "User")))),
                401, "missing_token");
        // 1. 'Bearer' missing: another scheme.
        assertRefused(Http.send(Http.request(base, "api/me").header("Authorization", "Basic YTpi")), 401,
                "unsupported_scheme");
        // 1. Extra words in the header.
        assertRefused(Http.send(Http.request(base, "api/me").header("Authorization", "Bearer a b")), 400,
                "malformed_authorization_header");
        // 1. Something that is not a JWT after 'Bearer '.
        assertRefused(Http.get(base, "api/me", "not-a-jwt"), 401, "malformed_token");
    }

    @Test
    @Order(2)
    void cause2AuthenticationNotConfiguredProperly() throws Exception {
        // 2. JWT authentication not configured properly: no issuer, so every token would fail; refused at start-up.
        assertStartUpLine("jwtguard.issuer: no issuer configured, so every token would be refused with issuer_mismatch");
        assertNotDeployed("no-issuer");
        // 2. A token in an algorithm the configuration does not allow (HS256 only).
        String hs384 = Tokens.demo("alice", "User").sign(Algorithm.HMAC384(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertRefused(Http.get(base, "api/me", hs384), 401, "algorithm_not_allowed");
    }

    @Test
    @Order(3)
    void cause3MiddlewareOrderIsWrong() throws Exception {
        // 3. Middleware order is wrong: authentication mapped before CORS, named by the first answer.
        HttpResponse<String> first = Http.get(server.url("wrong-order"), "canary", Tokens.demoToken("root", "Admin"));
        assertRefused(first, 500, "filter_order_wrong");
        assertThat(Http.json(first).path("detail").asText()).contains("authentication ran before CORS",
                "'JwtGuardCors', then 'JwtGuardAuthentication', then 'JwtGuardAuthorization'");
        assertThat(first.body()).doesNotContain(io.jwtguard.it.app.Canary.BODY);
        // 3. And by the server's log, at its default level.
        assertStartUpLine("JwtGuard refused GET /wrong-order/canary: 500 filter_order_wrong");
    }

    @Test
    @Order(4)
    void cause4TokenIsExpired() throws Exception {
        // 4. JWT token is expired.
        String expired = Tokens.demo("alice", "User").withIssuedAt(Instant.now().minusSeconds(7200))
                .withExpiresAt(Instant.now().minusSeconds(3600)).sign(Tokens.demoHs256());
        HttpResponse<String> response = Http.get(base, "api/me", expired);
        assertRefused(response, 401, "token_expired");
        assertThat(Http.challenge(response)).contains("error=\"invalid_token\"", "reason=\"token_expired\"");
    }

    @Test
    @Order(5)
    void cause5IssuerOrAudienceMismatch() throws Exception {
        // 5. Issuer mismatch.
        assertRefused(Http.get(base, "api/me", Tokens.demo("alice", "User").withIssuer("another-issuer")
                .sign(Tokens.demoHs256())), 401, "issuer_mismatch");
        // 5. Audience mismatch.
        assertRefused(Http.get(base, "api/me", Tokens.demo("alice", "User").withAudience("another-api")
                .sign(Tokens.demoHs256())), 401, "audience_mismatch");
    }

    @Test
    @Order(6)
    void cause6SigningKeyMismatch() throws Exception {
        // 6. JWT signing key mismatch: signed with another secret of the right length.
        String otherKey = Tokens.demo("alice", "User").sign(Algorithm.HMAC256(
                "another-secret-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8)));
        assertRefused(Http.get(base, "api/me", otherKey), 401, "invalid_signature");
    }

    @Test
    @Order(7)
    void cause7IncorrectUseOfAuthorize() throws Exception {
        // 7. Incorrect use of [Authorize]: on the sign-in endpoint, flagged in the start-up rule table ...
        assertStartUpLine("JwtGuard: servlet 'signin' [/signin] looks like a login endpoint but POST needs"
                + " authentication, so clients without a token can never log in");
        // 7. ... and a client without a token is refused there, while the @AllowAnonymous login answers.
        assertRefused(Http.send(Http.request(base, "signin").POST(HttpRequest.BodyPublishers.noBody())), 401,
                "missing_token");
        assertThat(StockServerSuite.login(base, "alice", "alice-password")).isNotBlank();
    }

    @Test
    @Order(8)
    void cause8RoleOrPolicyAuthorizationFailure() throws Exception {
        String user = Tokens.demoToken("alice", "User");
        // 8. Role mismatch: authenticated, without the role (403, not 401).
        assertRefused(Http.get(base, "api/admin", user), 403, "insufficient_role");
        // 8. Policy mismatch: ReportReaders needs role Auditor or department=finance.
        assertRefused(Http.get(base, "api/reports", user), 403, "policy_failed");
    }

    @Test
    @Order(9)
    void cause9ClockSkew() throws Exception {
        // 9. Clock skew issues: a token from a clock five minutes ahead, beyond the 60 s skew.
        Instant ahead = Instant.now().plusSeconds(300);
        HttpResponse<String> response = Http.get(base, "api/me", Tokens.demo("alice", "User").withNotBefore(ahead)
                .withIssuedAt(ahead).withExpiresAt(ahead.plusSeconds(300)).sign(Tokens.demoHs256()));
        assertRefused(response, 401, "token_not_yet_valid");
        // 9. Within the skew, a clock a little ahead is accepted.
        Instant slightlyAhead = Instant.now().plusSeconds(20);
        assertThat(Http.get(base, "api/me", Tokens.demo("alice", "User").withNotBefore(slightlyAhead)
                .withIssuedAt(slightlyAhead).sign(Tokens.demoHs256())).statusCode()).isEqualTo(200);
        // 9. A skew too large to be safe is refused at start-up.
        assertStartUpLine("jwtguard.clock-skew: is 600s, over the 300s limit");
        assertNotDeployed("skew-too-large");
    }

    @Test
    @Order(10)
    void cause10CorsAnd401Confusion() throws Exception {
        // 10. CORS and 401 confusion: a preflight from an origin not allowed is JwtGuard's 403 with its reason.
        HttpResponse<String> preflight = Http.preflight(base, "api/me", "https://evil.test");
        assertRefused(preflight, 403, "cors_origin_not_allowed");
        // 10. An allowed origin's preflight passes with no token, before authentication.
        assertThat(Http.preflight(base, "api/me", ORIGIN).statusCode()).isEqualTo(204);
        // 10. The real 401 reaches the browser script: CORS headers on it, WWW-Authenticate exposed.
        HttpResponse<String> refused = Http.send(Http.request(base, "api/me").header("Origin", ORIGIN));
        assertRefused(refused, 401, "missing_token");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("WWW-Authenticate");
    }

    /** A JwtGuard refusal: this status, this reason in the problem body, nothing internal in it. */
    private static void assertRefused(HttpResponse<String> response, int status, String reason) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Http.reason(response)).isEqualTo(reason);
        assertThat(response.body()).doesNotContain("Exception", "at org.", "at io.");
    }

    private void assertStartUpLine(String text) throws Exception {
        assertThat(server.log().contains(line -> line.contains(text)))
                .as("'" + text + "' in " + server.log().where()).isTrue();
    }

    /** The deployment failed: Tomcat answers for the context as for one it does not have. */
    private void assertNotDeployed(String context) throws Exception {
        for (String path : List.of("health", "api/me")) {
            HttpResponse<String> response = Http.get(server.url(context), path, null);
            assertThat(response.statusCode()).as(context + "/" + path).isEqualTo(404);
            assertThat(response.body()).as(context + "/" + path).doesNotContain("\"status\":\"UP\"");
        }
    }
}
