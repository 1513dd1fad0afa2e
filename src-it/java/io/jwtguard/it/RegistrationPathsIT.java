package io.jwtguard.it;

import static io.jwtguard.it.BearerAuthenticationIT.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.it.app.Canary;
import io.jwtguard.it.paths.ServletsInCodeInitializer;
import io.jwtguard.testing.Tokens;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A servlet's rule holds however and whenever it was registered: an Admin-only servlet registered in code
 * (by the application's listener, by another initializer, with JwtGuard's own filter registered in code, or
 * with an {@code <absolute-ordering>} that leaves JwtGuard's jar out) cannot be run by a named forward from an
 * open servlet without a token. Each WAR proves the forward itself works for an admin, so the refusal means
 * something. Run on embedded Jetty and on the real Tomcat and WildFly of the smoke suite.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistrationPathsIT {

    @ArquillianResource
    @OperateOnDeployment("listener")
    private URL listener;

    @ArquillianResource
    @OperateOnDeployment("filter-in-code")
    private URL filterInCode;

    @ArquillianResource
    @OperateOnDeployment("absolute-ordering")
    private URL absoluteOrdering;

    @ArquillianResource
    @OperateOnDeployment("initializer")
    private URL initializer;

    private static WebArchive war(String name, String webXml) {
        return DemoWar.create(name, "src-it/wars/paths/" + webXml, "jwtguard.key=" + SECRET)
                .addPackage(ServletsInCodeInitializer.class.getPackage());
    }

    @Deployment(name = "listener", testable = false)
    static WebArchive servletsFromAListener() {
        return war("paths-listener", "listener-web.xml");
    }

    @Deployment(name = "filter-in-code", testable = false)
    static WebArchive jwtGuardsFilterRegisteredInCode() {
        return war("paths-filter-in-code", "filter-in-code-web.xml");
    }

    @Deployment(name = "absolute-ordering", testable = false)
    static WebArchive absoluteOrderingWithoutJwtGuard() {
        return war("paths-absolute-ordering", "absolute-ordering-web.xml");
    }

    @Deployment(name = "initializer", testable = false)
    static WebArchive servletsFromAnotherInitializer() {
        return war("paths-initializer", "initializer-web.xml").addAsResource(
                new StringAsset(ServletsInCodeInitializer.class.getName() + "\n"),
                "META-INF/services/" + ServletContainerInitializer.class.getName());
    }

    private static void namedForwardKeepsTheRule(URL base) throws Exception {
        HttpResponse<String> anonymous = Http.get(base.toString(), "code-forward?to=code-canary", null);
        HttpResponse<String> user = Http.get(base.toString(), "code-forward?to=code-canary",
                Tokens.demoToken("bob", "User"));
        HttpResponse<String> admin = Http.get(base.toString(), "code-forward?to=code-canary",
                Tokens.demoToken("ada", "User", "Admin"));

        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(Http.reason(anonymous)).isEqualTo("missing_token");
        assertThat(anonymous.body()).doesNotContain(Canary.BODY);
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(user.body()).doesNotContain(Canary.BODY);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains(Canary.BODY);
        assertThat(Http.get(base.toString(), "code-canary", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aServletRegisteredByTheApplicationsListener() throws Exception {
        namedForwardKeepsTheRule(listener);
    }

    @Test
    void jwtGuardsFilterAndTheServletsRegisteredInCode() throws Exception {
        namedForwardKeepsTheRule(filterInCode);
    }

    @Test
    void anAbsoluteOrderingThatLeavesJwtGuardOutWithItsListenerDeclared() throws Exception {
        namedForwardKeepsTheRule(absoluteOrdering);
    }

    @Test
    void aServletRegisteredByAnotherInitializer() throws Exception {
        namedForwardKeepsTheRule(initializer);
    }
}
