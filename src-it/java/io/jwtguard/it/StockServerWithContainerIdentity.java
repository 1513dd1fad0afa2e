package io.jwtguard.it;

import org.junit.jupiter.api.Nested;

/**
 * The suite on a server where container identity mode is done (Tomcat, WildFly): besides everything else, the
 * whole smoke suite once more, on the WAR in that mode.
 */
abstract class StockServerWithContainerIdentity extends StockServerWithJakartaRest {

    @Override
    boolean supportsContainerIdentity() {
        return true;
    }

    /** The Jakarta REST shop in container identity mode. */
    @Nested
    class JakartaRestInContainerIdentityMode extends JakartaRest {
        JakartaRestInContainerIdentityMode() {
            super("rest-container");
        }
    }

    /** The same smoke suite in container identity mode (the plain jar). */
    @Nested
    class ContainerIdentityMode extends OnThisServer {
        ContainerIdentityMode() {
            super("container-identity", "plain jar, container identity mode", plainJarConfig());
        }
    }
}
