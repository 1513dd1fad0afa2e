package io.jwtguard.testing.example;

import static io.jwtguard.testing.RefusalAssert.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwtguard.JwtGuardContextListener;
import io.jwtguard.JwtGuardFilter;
import io.jwtguard.Reason;
import io.jwtguard.testing.TestIssuer;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example of docs/testing-your-application.md, compiled and run: outside the kit's package, so it uses only its
 * public API, and pinned to the page by DocumentationTest.
 */
class OrdersApiTest {

    @RegisterExtension
    static final TestIssuer issuer = TestIssuer.rsa();

    static Server server;
    static URI orders;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheApplication() throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        FilterHolder jwtGuard = new FilterHolder(JwtGuardFilter.class);
        jwtGuard.setInitParameters(issuer.settings()); // trust the test issuer's fresh key
        context.addFilter(jwtGuard, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(OrdersServlet.class, "/orders");
        context.addEventListener(new JwtGuardContextListener()); // what web-fragment.xml declares in a WAR
        server.setHandler(context);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        orders = URI.create("http://127.0.0.1:" + port + "/orders");
    }

    @AfterAll
    static void stopTheApplication() throws Exception {
        server.stop();
    }

    HttpResponse<String> getOrders(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(orders).header("Authorization", "Bearer " + token).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminSeesTheOrders() throws Exception {
        HttpResponse<String> response = getOrders(issuer.token().subject("alice").roles("Admin").build());

        assertEquals(200, response.statusCode());
        assertEquals("{\"orders\":[],\"for\":\"alice\"}", response.body());
    }

    @Test
    void aUserWithoutTheRoleIsForbidden() throws Exception {
        HttpResponse<String> response = getOrders(issuer.token().subject("bob").roles("User").build());

        assertRefused(response).status(403).reason("insufficient_role").challengeContains("insufficient_scope");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() throws Exception {
        HttpResponse<String> response = getOrders(issuer.token().roles("Admin").expired().build());

        assertRefused(response).reason(Reason.TOKEN_EXPIRED).challengeContains("invalid_token");
    }

    @Test
    void aTokenForAnotherApplicationOrSignedByAnotherKeyIsRefused() throws Exception {
        assertRefused(getOrders(issuer.token().roles("Admin").audience("another-api").build()))
                .reason(Reason.AUDIENCE_MISMATCH);
        assertRefused(getOrders(issuer.token().roles("Admin").signedWithAnotherKey().build()))
                .reason(Reason.INVALID_SIGNATURE);
    }
}
