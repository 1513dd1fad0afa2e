package io.jwtguard.it;

import java.nio.file.Path;

/**
 * The suite on GlassFish 7: its own MicroProfile Config (Helidon's, in 7.0.21) serves both jars, so the plain WAR
 * brings none; like Payara, it serves an application whose filter failed to start.
 */
class StockGlassFishIT extends StockServerSuite {

    @Override
    StockServer server() {
        return StockServer.glassfish("GlassFish 7", Path.of(System.getProperty("glassfish.home")),
                Integer.getInteger("glassfish.http.port"), Integer.getInteger("glassfish.admin.port"));
    }

    @Override
    boolean providesMicroProfileConfig() {
        return true;
    }

    /** GlassFish logs a filter that fails to start and serves the application without it. */
    @Override
    boolean failsADeploymentWhoseFilterCannotStart() {
        return false;
    }
}
