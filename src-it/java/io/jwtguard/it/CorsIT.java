package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.HS256;
import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWTCreator;
import io.jwtguard.testing.Tokens;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CORS before authentication, over real HTTP against the demo WAR on embedded Jetty 12. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CorsIT {

    private static final String APP = "https://app.example.test";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DemoWar.create("cors", "jwtguard.key=" + SECRET + "\njwtguard.cors.allowed-origins=" + APP
                + ",https://*.partner.test");
    }

    private static JWTCreator.Builder token(String... roles) {
        return Tokens.demo("alice", roles);
    }

    private HttpResponse<String> preflight(String origin, String method, String headers) throws Exception {
        HttpRequest.Builder request = Http.request(base.toString(), "api/me")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return Http.send(request);
    }

    private HttpResponse<String> actual(String path, String origin, String token) throws Exception {
        HttpRequest.Builder request = Http.request(base.toString(), path).header("Origin", origin);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void preflightPassesWithoutATokenAndNeverReachesAuthentication() throws Exception {
        HttpResponse<String> response = preflight(APP, "GET", "authorization");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(response, "Access-Control-Allow-Headers")).contains("authorization");
        assertThat(header(response, "Access-Control-Allow-Methods")).contains("GET");
        assertThat(header(response, "Access-Control-Max-Age")).isEqualTo("1800");
        assertThat(response.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
        assertThat(header(response, "WWW-Authenticate")).isNull();
    }

    @Test
    void preflightFromAPatternOriginPasses() throws Exception {
        assertThat(preflight("https://api.partner.test", "DELETE", "authorization").statusCode()).isEqualTo(204);
    }

    @Test
    void preflightFromADisallowedOriginIs403WithTheReasonAndNoAllowHeaders() throws Exception {
        for (String origin : List.of("https://evil.test", "https://app.example.test.evil.test", "null",
                "http://app.example.test", "https://evilpartner.test")) {
            HttpResponse<String> response = preflight(origin, "GET", "authorization");

            assertThat(response.statusCode()).as(origin).isEqualTo(403);
            assertThat(reason(response)).isEqualTo("cors_origin_not_allowed");
            assertThat(response.headers().map().keySet()).as(origin)
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-allow"));
        }
    }

    @Test
    void preflightForAMethodOrHeaderNotAllowedIs403WithItsReason() throws Exception {
        HttpResponse<String> method = preflight(APP, "PROPFIND", null);
        HttpResponse<String> header = preflight(APP, "GET", "authorization, x-secret-debug");

        assertThat(method.statusCode()).isEqualTo(403);
        assertThat(reason(method)).isEqualTo("cors_method_not_allowed");
        assertThat(header.statusCode()).isEqualTo(403);
        assertThat(reason(header)).isEqualTo("cors_header_not_allowed");
    }

    @Test
    void refusalsOfLaterStagesCarryTheCorsHeadersSoTheBrowserCanReadThem() throws Exception {
        String expired = token("User").withIssuedAt(Instant.now().minusSeconds(7200))
                .withExpiresAt(Instant.now().minusSeconds(3600)).sign(HS256);
        HttpResponse<String> missing = actual("api/me", APP, null);
        HttpResponse<String> stale = actual("api/me", APP, expired);
        HttpResponse<String> forbidden = actual("api/admin", APP, token("User").sign(HS256));
        HttpResponse<String> malformed = actual("api/me", APP, "a b");

        assertThat(List.of(missing, stale, forbidden, malformed)).extracting(HttpResponse::statusCode)
                .containsExactly(401, 401, 403, 400);
        for (HttpResponse<String> response : List.of(missing, stale, forbidden, malformed)) {
            assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(header(response, "Access-Control-Expose-Headers")).contains("WWW-Authenticate");
        }
        assertThat(header(stale, "WWW-Authenticate")).contains("reason=\"token_expired\"");
    }

    @Test
    void actualRequestFromAnAllowedOriginWithAValidTokenGetsItsAnswerAndTheHeaders() throws Exception {
        HttpResponse<String> response = actual("api/me", APP, token("User").sign(HS256));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void actualRequestFromADisallowedOriginGoesOnWithoutCorsHeaders() throws Exception {
        HttpResponse<String> response = actual("api/me", "https://evil.test", token("User").sign(HS256));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Access-Control-Allow-Origin")).isNull();
        assertThat(response.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
    }

    @Test
    void optionsThatIsNotAPreflightIsAuthenticatedLikeAnyRequest() throws Exception {
        HttpResponse<String> response = Http.send(Http.request(base.toString(), "api/me")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", APP));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(reason(response)).isEqualTo("missing_token");
    }
}
