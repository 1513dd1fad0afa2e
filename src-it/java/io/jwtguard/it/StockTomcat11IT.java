package io.jwtguard.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The suite on Tomcat 11 (Servlet 6.1): no MicroProfile Config, so the plain WAR brings SmallRye Config. */
class StockTomcat11IT extends StockServerWithContainerIdentity {

    @Override
    StockServer server() {
        return StockServer.tomcat("Tomcat 11", Path.of(System.getProperty("tomcat.home")),
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
