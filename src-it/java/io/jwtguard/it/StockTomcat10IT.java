package io.jwtguard.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/**
 * The suite on Tomcat 10.1 (Servlet 6.0), the most deployed Tomcat: no MicroProfile Config, so the plain WAR
 * brings SmallRye Config.
 */
class StockTomcat10IT extends StockServerWithContainerIdentity {

    @Override
    StockServer server() {
        return StockServer.tomcat("Tomcat 10.1", Path.of(System.getProperty("tomcat10.home")),
                Integer.getInteger("tomcat.http.port"));
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
