package io.jwtguard.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The suite on standalone Jetty 12.1 serving the EE 11 environment (Servlet 6.1): no MicroProfile Config. */
class StockJettyEe11IT extends StockServerWithContainerIdentity {

    @Override
    StockServer server() {
        return StockServer.jetty("Jetty 12.1 ee11", Path.of(System.getProperty("jetty.home")), "ee11",
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
