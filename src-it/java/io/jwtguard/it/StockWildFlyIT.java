package io.jwtguard.it;

import java.nio.file.Path;

/** The suite on WildFly, started by standalone.sh: its own MicroProfile Config serves both jars. */
class StockWildFlyIT extends StockServerSuite {

    @Override
    StockServer server() {
        return StockServer.wildfly("WildFly", Path.of(System.getProperty("wildfly.home")),
                Integer.getInteger("wildfly.port.offset"));
    }

    @Override
    boolean providesMicroProfileConfig() {
        return true;
    }
}
