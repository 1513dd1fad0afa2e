package io.jwtguard.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The suite on standalone Jetty 12.1 serving the EE 10 environment: no MicroProfile Config. */
class StockJettyEe10IT extends StockServerWithContainerIdentity {

    @Override
    StockServer server() {
        return StockServer.jetty("Jetty 12.1 ee10", Path.of(System.getProperty("jetty.home")), "ee10",
                Integer.getInteger("jetty.http.port"));
    }

    @Override
    boolean bundlesJersey() {
        return true;
    }

    @Override
    boolean servesMcp() {
        return true;
    }

    @Nested
    class Mcp extends McpOnThisServer {
    }
}
