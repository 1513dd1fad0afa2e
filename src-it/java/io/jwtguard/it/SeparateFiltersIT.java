package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static io.jwtguard.it.Http.get;
import static io.jwtguard.it.Http.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.it.app.Canary;
import io.jwtguard.testing.Tokens;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CORS, authentication and authorization registered as three filters: in the right order they behave
 * like the combined filter; out of order, the first request fails with filter_order_wrong and names the
 * {@code <filter-mapping>} order to use (the article's middleware-order cause, made visible).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SeparateFiltersIT {

    private static final String CONFIG = "jwtguard.key=" + SECRET + "\njwtguard.cors.allowed-origins=https://app.test";

    @ArquillianResource
    @OperateOnDeployment("separate")
    private URL separate;

    @ArquillianResource
    @OperateOnDeployment("wrong-order")
    private URL wrongOrder;

    @ArquillianResource
    @OperateOnDeployment("authz-only")
    private URL authzOnly;

    @Deployment(name = "separate", testable = false)
    static WebArchive separate() {
        return DemoWar.create("separate", "src-it/wars/separate-web.xml", CONFIG);
    }

    @Deployment(name = "wrong-order", testable = false)
    static WebArchive wrongOrder() {
        return DemoWar.create("wrong-order", "src-it/wars/wrong-order-web.xml", CONFIG);
    }

    @Deployment(name = "authz-only", testable = false)
    static WebArchive authzOnly() {
        return DemoWar.create("authz-only", "src-it/wars/authz-only-web.xml", CONFIG);
    }

    @Test
    void inTheRightOrderTheStagesWorkLikeTheCombinedFilter() throws Exception {
        String base = separate.toString();

        assertThat(reason(get(base, "canary", null))).isEqualTo("missing_token");
        assertThat(reason(get(base, "canary", Tokens.demoToken("bob", "User")))).isEqualTo("insufficient_role");
        assertThat(get(base, "canary", Tokens.demoToken("root", "Admin")).body()).isEqualTo(Canary.BODY + " for root");
        HttpResponse<String> preflight = Http.send(Http.request(base, "canary")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.test")
                .header("Access-Control-Request-Method", "GET"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        HttpResponse<String> login = Http.send(Http.request(base, "login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-password")));
        assertThat(login.statusCode()).isEqualTo(200);
    }

    @Test
    void authenticationBeforeCorsFailsNamingTheOrderToUse() throws Exception {
        HttpResponse<String> response = get(wrongOrder.toString(), "canary", Tokens.demoToken("root", "Admin"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(reason(response)).isEqualTo("filter_order_wrong");
        assertThat(Http.json(response).path("detail").asText()).contains("authentication ran before CORS",
                "'JwtGuardCors', then 'JwtGuardAuthentication', then 'JwtGuardAuthorization'");
        assertThat(response.body()).doesNotContain(Canary.BODY);
    }

    @Test
    void authorizationWithoutAuthenticationFailsInsteadOfAMysterious401() throws Exception {
        HttpResponse<String> response = get(authzOnly.toString(), "canary", Tokens.demoToken("root", "Admin"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(reason(response)).isEqualTo("filter_order_wrong");
        assertThat(Http.json(response).path("detail").asText())
                .contains("authorization ran with no authentication before it", "<filter-mapping>");
        assertThat(response.body()).doesNotContain(Canary.BODY);
    }
}
