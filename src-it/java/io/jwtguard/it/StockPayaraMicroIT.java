package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The suite on Payara Micro 6: its own MicroProfile Config serves both jars; like GlassFish, it serves an
 * application whose filter failed to start.
 */
class StockPayaraMicroIT extends StockServerSuite {

    private static final Path JAR = Path.of(System.getProperty("payara.micro.jar", "target/payara-micro.jar"));

    @Override
    StockServer server() {
        return StockServer.payaraMicro("payara-micro", "Payara Micro 6", JAR, Integer.getInteger("payara.http.port"));
    }

    /**
     * Payara Micro 6.2025.10 stops initialising the applications of its command line at the first one that
     * fails (a ConcurrentModificationException in its InitializeAllApplicationsCommand), so a second failing
     * WAR gets an instance of its own.
     */
    @Override
    StockServer instanceForASecondFailingWar() {
        return StockServer.payaraMicro("payara-micro-2", "Payara Micro 6", JAR,
                Integer.getInteger("payara.http.port") + 1);
    }

    @Override
    boolean providesMicroProfileConfig() {
        return true;
    }

    @Override
    boolean failsADeploymentWhoseFilterCannotStart() {
        return false;
    }

    /**
     * What the README tells Payara Micro users: Payara answers {@code /health} at the root itself, so an
     * application's own health endpoint lives under its context root (or the WAR is named {@code ROOT.war}, which
     * 6.2025.10 lets answer its own {@code /health}).
     */
    @Test
    void atTheRootPayaraAnswersHealthItselfAndTheApplicationsIsUnderItsContextRoot() throws Exception {
        HttpResponse<String> payaras = Http.get("http://127.0.0.1:" + server.port + "/", "health", null);

        assertThat(payaras.statusCode()).isEqualTo(200);
        assertThat(payaras.body()).as("Payara's own health check").contains("\"checks\"");
        assertThat(Http.get(server.url("smoke"), "health", null).body()).contains("\"status\":\"UP\"")
                .doesNotContain("checks");
    }

    @Override
    boolean triesContainerIdentity() {
        return false;
    }
}
