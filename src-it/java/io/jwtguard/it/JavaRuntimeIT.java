package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which JDK and Jetty the embedded suite runs on (17, and 25 in the next-jdk run), printed and checked. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JavaRuntimeIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DemoWar.create("runtime", "src-it/wars/smoke-web.xml", SmokeChecks.CONFIG);
    }

    @Test
    void theEmbeddedServerRunsOnThisJvm() throws Exception {
        String probe = Http.get(base.toString(), "probe", null).body();
        System.out.println("Embedded suite on " + probe.lines().filter(line -> line.startsWith("server=")
                || line.startsWith("java=")).toList());

        assertThat(probe).contains("java=" + System.getProperty("java.version") + " (").contains("server=jetty/12");
    }
}
