package io.jwtguard.testing;

import static io.jwtguard.testing.RefusalAssert.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.Authorize;
import io.jwtguard.JwtGuardContextListener;
import io.jwtguard.JwtGuardFilter;
import io.jwtguard.Reason;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test kit as an application's test uses it: a real embedded Jetty on loopback running {@link JwtGuardFilter}
 * in front of an {@code @Authorize(roles = "Admin")} servlet, trusting a {@link TestIssuer} through the settings the
 * kit hands out, and called with the JDK's HTTP client.
 */
class TestKitTest {

    @RegisterExtension
    static final TestIssuer ISSUER = TestIssuer.rsa();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static App app;

    /** The application under test: admins only, answering with who called. */
    @Authorize(roles = "Admin")
    public static final class AdminServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("hello " + request.getRemoteUser());
        }
    }

    /** An embedded Jetty with JwtGuard configured by {@code settings} as the filter's init-parameters. */
    record App(Server server, URI uri) implements AutoCloseable {

        static App start(Map<String, String> settings) throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            FilterHolder filter = new FilterHolder(JwtGuardFilter.class);
            filter.setInitParameters(settings);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(AdminServlet.class, "/admin");
            // What JwtGuard's web fragment declares in a WAR: its self-check once the servlets are registered.
            context.addEventListener(new JwtGuardContextListener());
            server.setHandler(context);
            server.start();
            return new App(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/admin"));
        }

        HttpResponse<String> get(String token) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }

    @BeforeAll
    static void startApplication() throws Exception {
        app = App.start(ISSUER.settings());
    }

    @AfterAll
    static void stopApplication() throws Exception {
        app.close();
    }

    @Test
    void aTokenWithTheRoleIsAdmitted() throws Exception {
        HttpResponse<String> response = app.get(ISSUER.token().subject("alice").roles("Admin").scope("read")
                .claim("tenant", "acme").build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello alice");
    }

    @Test
    void anExpiredTokenGets401TokenExpired() throws Exception {
        HttpResponse<String> response = app.get(ISSUER.token().roles("Admin").expired().build());

        assertRefused(response).status(401).reason("token_expired").challengeContains("invalid_token");
    }

    @Test
    void aTokenForAnotherAudienceGets401AudienceMismatch() throws Exception {
        HttpResponse<String> response = app.get(ISSUER.token().roles("Admin").audience("other").build());

        assertRefused(response).reason(Reason.AUDIENCE_MISMATCH);
    }

    @Test
    void aTokenWithoutTheRoleGets403InsufficientRole() throws Exception {
        HttpResponse<String> response = app.get(ISSUER.token().roles("User").build());

        assertRefused(response).status(403).reason("insufficient_role").bearerError("insufficient_scope");
    }

    @Test
    void aTokenSignedWithAnotherKeyGets401InvalidSignature() throws Exception {
        HttpResponse<String> response = app.get(ISSUER.token().roles("Admin").signedWithAnotherKey().build());

        assertRefused(response).reason(Reason.INVALID_SIGNATURE).challengeContains("invalid_token");
    }

    @Test
    void anotherIssuerAndATokenNotYetValidAreRefusedForWhatTheyAre() throws Exception {
        assertRefused(app.get(ISSUER.token().roles("Admin").issuer("https://other.example").build()))
                .reason(Reason.ISSUER_MISMATCH);
        assertRefused(app.get(ISSUER.token().roles("Admin").notYetValid().build()))
                .reason(Reason.TOKEN_NOT_YET_VALID);
    }

    /** The mode for a server in another process: the key fetched from the issuer's JWKS on loopback. */
    @Test
    void anIssuerServingAJwksOnLoopbackIsTrustedThroughItsUrl() throws Exception {
        try (TestIssuer remote = TestIssuer.ec().servingJwks(); App jwksApp = App.start(remote.settings())) {
            assertThat(remote.settings()).containsEntry("jwtguard.jwks.url", remote.jwksUri().toString())
                    .doesNotContainKeys("jwtguard.key", "jwtguard.key.location");
            assertThat(remote.jwksUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(remote.environment()).containsEntry("JWTGUARD_JWKS_URL", remote.jwksUri().toString())
                    .containsEntry("JWTGUARD_ISSUER", remote.issuer())
                    .containsEntry("JWTGUARD_AUDIENCE", remote.audience())
                    .containsEntry("JWTGUARD_ALGORITHMS", "ES256");
            String jwks = HTTP.send(HttpRequest.newBuilder(remote.jwksUri()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(jwks).contains("\"kty\":\"EC\"").doesNotContain("\"d\"");

            HttpResponse<String> admitted = jwksApp.get(remote.token().subject("bob").roles("Admin").build());
            assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
            assertThat(admitted.body()).isEqualTo("hello bob");
            assertRefused(jwksApp.get(remote.token().roles("Admin").signedWithAnotherKey().build()))
                    .reason(Reason.INVALID_SIGNATURE);
            // Another issuer's key is not this one's: the application trusts only the key it was pointed at.
            assertRefused(jwksApp.get(ISSUER.token().roles("Admin").build())).status(401);
        }
    }

    @Test
    void anHmacIssuerIsTrustedThroughItsSecretAndNeverPublishesIt() throws Exception {
        try (TestIssuer hmac = TestIssuer.hmac(); App hmacApp = App.start(hmac.settings())) {
            assertThat(hmac.algorithm()).isEqualTo("HS256");
            assertThat(hmacApp.get(hmac.token().roles("Admin").build()).statusCode()).isEqualTo(200);
            assertRefused(hmacApp.get(hmac.token().roles("Admin").signedWithAnotherKey().build()))
                    .reason(Reason.INVALID_SIGNATURE);
            assertThatThrownBy(hmac::servingJwks).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("never published");
        }
    }

    @Test
    void systemPropertiesSetForAnApplicationWithoutInitParametersAreRestoredOnClose() throws Exception {
        assertThat(System.getProperty("jwtguard.issuer")).isNull();
        TestIssuer properties = TestIssuer.ec().named("https://properties.example");
        properties.applySystemProperties();
        try (App plain = App.start(Map.of())) {
            assertThat(System.getProperty("jwtguard.issuer")).isEqualTo("https://properties.example");
            assertThat(plain.get(properties.token().subject("carol").roles("Admin").build()).body())
                    .isEqualTo("hello carol");
        } finally {
            properties.close();
        }

        assertThat(properties.settings().keySet())
                .allSatisfy(key -> assertThat(System.getProperty(key)).as(key).isNull());
    }

    @Test
    void closingTheIssuerStopsItsKeyServer() throws Exception {
        TestIssuer remote = TestIssuer.rsa().servingJwks();
        URI jwks = remote.jwksUri();
        assertThat(HTTP.send(HttpRequest.newBuilder(jwks).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        remote.close();

        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(jwks).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRefusalAssertionFailsOnAnAdmissionAndOnAnotherReasonSayingWhatCame() throws Exception {
        HttpResponse<String> admitted = app.get(ISSUER.token().roles("Admin").build());
        HttpResponse<String> expired = app.get(ISSUER.token().roles("Admin").expired().build());

        assertThatThrownBy(() -> assertRefused(admitted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected a refusal").hasMessageContaining("200");
        assertThatThrownBy(() -> assertRefused(expired).reason("audience_mismatch")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected reason 'audience_mismatch', but it is 'token_expired'")
                .hasMessageContaining("WWW-Authenticate: Bearer");
        assertThatThrownBy(() -> assertRefused(expired).status(403)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertRefused(expired).noChallenge()).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertRefused(expired).challengeContains("insufficient_scope"))
                .isInstanceOf(AssertionError.class);
    }
}
