package io.jwtguard.it;

import org.junit.jupiter.api.Nested;

/**
 * The suite on a server where the Jakarta REST shop runs (Tomcat and Jetty with Jersey in the WAR, WildFly with its
 * RESTEasy): besides everything else, its resources' rules in filter mode.
 */
abstract class StockServerWithJakartaRest extends StockServerSuite {

    @Override
    boolean servesTheJakartaRestShop() {
        return true;
    }

    @Nested
    class JakartaRestInFilterMode extends JakartaRest {
        JakartaRestInFilterMode() {
            super("rest");
        }
    }
}
