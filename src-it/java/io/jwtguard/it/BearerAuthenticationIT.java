package io.jwtguard.it;

import static io.jwtguard.it.Http.challenge;
import static io.jwtguard.it.Http.get;
import static io.jwtguard.it.Http.json;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.jwtguard.testing.Tokens;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo WAR on embedded Jetty 12 with an HS256 key, over real HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BearerAuthenticationIT {

    /** A test-only secret; real applications put theirs in the environment (JWTGUARD_KEY). */
    static final String SECRET = Tokens.DEMO_SECRET;
    static final Algorithm HS256 = Tokens.demoHs256();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DemoWar.create("hs256", "jwtguard.key=" + SECRET);
    }

    private String url() {
        return base.toString();
    }

    private static JWTCreator.Builder token(String subject, String... roles) {
        return Tokens.demo(subject, roles);
    }

    private static String expired() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return token("alice", "User").withIssuedAt(past).withExpiresAt(past.plus(Duration.ofMinutes(15))).sign(HS256);
    }

    @Test
    void noTokenGets401WithABareChallengeAndAProblemBody() throws Exception {
        HttpResponse<String> response = get(url(), "api/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).isEqualTo("Bearer realm=\"jwtguard-demo\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("reason").asText()).isEqualTo("missing_token");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("type").asText()).isEqualTo("urn:jwtguard:reason:missing_token");
        assertThat(problem.path("correlationId").asText()).hasSize(36);
    }

    @Test
    void withCorsOffABrowserPreflightGetsCorsDisabledNamingTheSettingNotMissingToken() throws Exception {
        HttpResponse<String> preflight = Http.send(Http.request(url(), "api/me")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization"));

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(reason(preflight)).isEqualTo("cors_disabled");
        assertThat(preflight.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(json(preflight).path("detail").asText()).contains("CORS is off", "jwtguard.cors.allowed-origins");
    }

    @Test
    void validTokenReachesTheServletWithThePrincipal() throws Exception {
        HttpResponse<String> response = get(url(), "api/me", token("alice", "User").sign(HS256));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = json(response);
        assertThat(me.path("name").asText()).isEqualTo("alice");
        assertThat(me.path("roles").toString()).isEqualTo("[\"User\"]");
        assertThat(me.path("isAdmin").asBoolean()).isFalse();
        assertThat(me.path("authType").asText()).isEqualTo("Bearer");
        assertThat(me.path("claims").path("iss").asText()).isEqualTo("jwtguard-demo");
    }

    @Test
    void expiredTokenGets401TokenExpiredWithItsTimesInTheDescription() throws Exception {
        HttpResponse<String> response = get(url(), "api/me", expired());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("token_expired");
        assertThat(challenge(response)).startsWith("Bearer realm=\"jwtguard-demo\", error=\"invalid_token\","
                + " error_description=\"the token expired at ").contains("server time", "allowed skew 60s");
    }

    @Test
    void wrongIssuerGets401IssuerMismatch() throws Exception {
        HttpResponse<String> response = get(url(), "api/me", token("alice").withIssuer("someone-else").sign(HS256));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("issuer_mismatch");
        assertThat(challenge(response)).contains("error=\"invalid_token\"", "'someone-else'")
                .doesNotContain("jwtguard-demo'");
    }

    @Test
    void wrongAudienceGets401AudienceMismatch() throws Exception {
        HttpResponse<String> response = get(url(), "api/me", token("alice").withAudience("another-api").sign(HS256));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("audience_mismatch");
    }

    @Test
    void wrongKeyGets401InvalidSignature() throws Exception {
        Algorithm other = Algorithm.HMAC256("a-completely-different-secret-4567890".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = get(url(), "api/me", token("alice").sign(other));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("invalid_signature");
    }

    @Test
    void unsupportedSchemeGets401WithoutAnErrorCode() throws Exception {
        HttpResponse<String> response = Http.send(Http.request(url(), "api/me").header("Authorization", "Basic YTpi"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("unsupported_scheme");
        assertThat(challenge(response)).isEqualTo("Bearer realm=\"jwtguard-demo\"");
    }

    @Test
    void malformedHeaderAndTwoHeadersGet400InvalidRequest() throws Exception {
        HttpResponse<String> malformed = Http.send(Http.request(url(), "api/me")
                .header("Authorization", "Bearer a b"));
        HttpResponse<String> twice = Http.send(Http.request(url(), "api/me")
                .header("Authorization", "Bearer " + token("alice").sign(HS256))
                .header("Authorization", "Bearer " + token("mallory").sign(HS256)));

        for (HttpResponse<String> response : List.of(malformed, twice)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(reason(response)).isEqualTo("malformed_authorization_header");
            assertThat(challenge(response)).contains("error=\"invalid_request\"");
        }
    }

    @Test
    void crashInputsAreRefusedAs401NeverA500() throws Exception {
        String longToken = "a".repeat(9000);
        for (String garbage : List.of("bnVsbA.e30.AAAA", "e30.e30.", "x", longToken,
                token("alice").withClaim("exp", 1e18).sign(HS256))) {
            HttpResponse<String> response = get(url(), "api/me", garbage);

            assertThat(response.statusCode()).as(garbage.substring(0, Math.min(20, garbage.length()))).isEqualTo(401);
            assertThat(reason(response)).isIn("malformed_token", "algorithm_not_allowed");
        }
    }

    @Test
    void aMegabyteHeaderIsRefusedByTheContainerNotAnsweredWithA500() throws Exception {
        HttpResponse<String> response = get(url(), "api/me", "a".repeat(1 << 20));

        assertThat(response.statusCode()).isIn(400, 401, 413, 431);
    }

    @Test
    void loginIsReachableWithoutATokenAndItsTokenIsAccepted() throws Exception {
        HttpResponse<String> login = Http.send(Http.request(url(), "login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin-password\"}")));

        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode body = json(login);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        String accessToken = body.path("access_token").asText();

        HttpResponse<String> admin = get(url(), "api/admin", accessToken);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(json(admin).path("user").asText()).isEqualTo("admin");
    }

    @Test
    void loginStillWorksForAClientHoldingAStaleOrBrokenToken() throws Exception {
        for (String stale : List.of(expired(), "not.a.jwt", token("x").sign(Algorithm.HMAC256("other-secret-0123456789-0123456789")))) {
            HttpResponse<String> login = Http.send(Http.request(url(), "login")
                    .header("Authorization", "Bearer " + stale)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-password")));

            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(json(login).path("access_token").asText()).isNotEmpty();
        }
    }

    @Test
    void wrongPasswordIsTheApplicationsOwnAnswer() throws Exception {
        HttpResponse<String> login = Http.send(Http.request(url(), "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=guess")));

        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(json(login).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void healthIsAnonymous() throws Exception {
        assertThat(get(url(), "health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void methodRulesWinOverTheClass() throws Exception {
        String user = token("alice", "User").sign(HS256);
        String admin = token("admin", "User", "Admin").sign(HS256);

        assertThat(get(url(), "api/documents", user).statusCode()).isEqualTo(200);
        HttpResponse<String> userDelete = Http.send(Http.request(url(), "api/documents").DELETE()
                .header("Authorization", "Bearer " + user));
        assertThat(userDelete.statusCode()).isEqualTo(403);
        assertThat(reason(userDelete)).isEqualTo("insufficient_role");
        assertThat(challenge(userDelete)).contains("error=\"insufficient_scope\"");
        HttpResponse<String> adminDelete = Http.send(Http.request(url(), "api/documents").DELETE()
                .header("Authorization", "Bearer " + admin));
        assertThat(adminDelete.statusCode()).isEqualTo(200);
    }

    @Test
    void rolesAreMatchedExactly() throws Exception {
        for (String[] roles : List.of(new String[] {"admin"}, new String[] {"ADMIN"}, new String[] {"Admin,User"},
                new String[] {"Admins"}, new String[] {"Adm"})) {
            HttpResponse<String> response = get(url(), "api/admin", token("eve", roles).sign(HS256));

            assertThat(response.statusCode()).as(String.join(",", roles)).isEqualTo(403);
        }
    }

    @Test
    void unannotatedServletNeedsAnAuthenticatedCaller() throws Exception {
        assertThat(get(url(), "api/unannotated", null).statusCode()).isEqualTo(401);
        assertThat(get(url(), "api/unannotated", token("alice").sign(HS256)).statusCode()).isEqualTo(200);
    }

    @Test
    void pathTricksCannotReachAProtectedServletWithoutAToken() throws Exception {
        for (String path : List.of("api/admin;x=y", "api/admin/", "api//admin", "api/./admin", "api/%61dmin",
                "API/ADMIN", "api/admin%2f", "health/../api/admin", "health;/../api/admin", "api/admin.json")) {
            HttpResponse<String> response = get(url(), path, null);

            assertThat(response.statusCode()).as(path).isNotEqualTo(200).isNotEqualTo(500);
            assertThat(response.body()).as(path).doesNotContain("admin area");
        }
    }

    @Test
    void forwardToTheAdminServletAppliesItsRule() throws Exception {
        HttpResponse<String> anonymous = get(url(), "fwd/admin", null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("admin area");
        assertThat(get(url(), "fwd/admin", token("alice", "User").sign(HS256)).statusCode()).isEqualTo(403);
        assertThat(get(url(), "fwd/admin", token("admin", "Admin").sign(HS256)).body()).contains("admin area");
    }

    @Test
    void reportsNeedTheReportReadersPolicy() throws Exception {
        HttpResponse<String> login = Http.send(Http.request(url(), "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=auditor&password=auditor-password")));
        String auditor = json(login).path("access_token").asText();

        assertThat(get(url(), "api/reports", auditor).statusCode()).isEqualTo(200);
        assertThat(reason(get(url(), "api/reports", token("alice", "User").sign(HS256)))).isEqualTo("policy_failed");
    }

    @Test
    void theRuleTableEndpointDoesNotExistInProduction() throws Exception {
        HttpResponse<String> anonymous = get(url(), ".well-known/jwtguard", null);
        HttpResponse<String> signedIn = get(url(), ".well-known/jwtguard", token("admin", "Admin").sign(HS256));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(signedIn.statusCode()).isEqualTo(404);
        assertThat(signedIn.body()).doesNotContain("servlets");
    }
}
