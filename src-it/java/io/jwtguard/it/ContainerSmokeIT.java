package io.jwtguard.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The smoke suite deployed by Arquillian: on embedded Jetty 12, and on the real Tomcat 11 and WildFly the
 * adapters start from their Maven Central distributions. {@link StockServerSuite} runs the same checks on
 * every server started from its own scripts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerSmokeIT extends SmokeChecks {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        ContainerLog.start();
        return DemoWar.create("smoke", "src-it/wars/smoke-web.xml", CONFIG);
    }

    @Override
    String url() {
        return base.toString();
    }

    @Override
    String contextPath() {
        return "/smoke";
    }

    @Override
    ServerLog log() {
        return ContainerLog.view();
    }

    @Override
    String description() {
        return DemoWar.container() + " (Arquillian), " + (DemoWar.dropIn() ? "-all jar only" : "plain jar");
    }

    @Override
    ConfigSource configSource() {
        if (DemoWar.container().equals("wildfly")) {
            return ConfigSource.SERVER;
        }
        return DemoWar.dropIn() ? ConfigSource.BUILT_IN : ConfigSource.APPLICATION;
    }
}
