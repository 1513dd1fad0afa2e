package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.TokenIssuer;
import io.jwtguard.TokenRefreshServlet;
import io.jwtguard.internal.authn.TokenSigner;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.revocation.RevocationService;
import io.jwtguard.testing.TestSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh endpoint over real HTTP (embedded Jetty on loopback): the refresh token is read from the form body
 * only, however its name is spelled in the URL.
 */
class TokenEndpointsTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;
    private RevocationService revocations;
    private TokenIssuer issuer;
    private String base;

    @BeforeEach
    void start() throws Exception {
        Settings settings = TestSettings.hmacWith(Map.of("jwtguard.token-issuer.publish", "true"));
        revocations = RevocationService.forSettings(settings, Clock.systemUTC(), getClass().getClassLoader(),
                new Problems());
        revocations.start();
        issuer = TokenSigner.forSettings(settings, Clock.systemUTC(), revocations).orElseThrow();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setAttribute(TokenIssuer.CONTEXT_ATTRIBUTE, issuer);
        context.addServlet(TokenRefreshServlet.class, "/token/refresh");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/token/refresh";
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        revocations.close();
    }

    private HttpResponse<String> post(String query, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefreshTokenInTheFormBodyIsExchanged() throws Exception {
        String refresh = issuer.issueWithRefreshToken("alice", List.of("User")).refreshToken();

        HttpResponse<String> response = post("", "refresh_token=" + refresh);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"refresh_token\"");
    }

    /** As /login takes JSON, so does the refresh endpoint; a body that is not a small JSON object is a 400. */
    @Test
    void aRefreshTokenInAJsonBodyIsExchangedAndABadBodyIsA400() throws Exception {
        String refresh = issuer.issueWithRefreshToken("alice", List.of("User")).refreshToken();

        HttpResponse<String> response = postJson("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refresh
                + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"refresh_token\"", "\"access_token\"");

        for (String bad : List.of("not json", "[\"" + refresh + "\"]", "{\"refresh_token\":", "{}",
                "{\"refresh_token\":\"" + "x".repeat(5000) + "\"}")) {
            HttpResponse<String> refused = postJson(bad);
            assertThat(refused.statusCode()).as(bad.substring(0, Math.min(20, bad.length()))).isEqualTo(400);
            assertThat(refused.body()).contains("\"error\":\"invalid_request\"").doesNotContain("Exception");
        }
    }

    private HttpResponse<String> postJson(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefreshTokenInTheUrlIsRefusedHoweverItsNameIsPercentEncoded() throws Exception {
        for (String name : List.of("refresh_token", "refresh%5Ftoken", "%72efresh_token", "%72%65%66%72%65%73%68%5f%74%6f%6b%65%6e")) {
            String refresh = issuer.issueWithRefreshToken("alice", List.of("User")).refreshToken();

            HttpResponse<String> response = post("?" + name + "=" + refresh, "grant_type=refresh_token");

            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(response.body()).as(name).contains("\"error\":\"invalid_request\"")
                    .contains("send refresh_token in the form body, never in the URL").doesNotContain(refresh);
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            // Refused before it was used: the token still works from the body.
            assertThat(post("", "refresh_token=" + refresh).statusCode()).as(name).isEqualTo(200);
        }
    }

    @Test
    void aQueryNameThatIsNotPercentEncodingIsUnreadableNotGuessed() {
        // Java's client will not send such a URL; a raw client may, and a container may decode it either way.
        assertThat(TokenEndpoints.queryNaming("refresh%zz_token=x", "refresh_token"))
                .isEqualTo(TokenEndpoints.QueryName.UNREADABLE);
    }

    @Test
    void otherQueryParametersAndValuesNamingTheFieldAreNotTheField() {
        assertThat(TokenEndpoints.queryNaming("a=refresh_token&b=1", "refresh_token")).isEqualTo(TokenEndpoints.QueryName.ABSENT);
        assertThat(TokenEndpoints.queryNaming(null, "refresh_token")).isEqualTo(TokenEndpoints.QueryName.ABSENT);
        assertThat(TokenEndpoints.queryNaming("x&refresh%5Ftoken", "refresh_token")).isEqualTo(TokenEndpoints.QueryName.PRESENT);
    }
}
