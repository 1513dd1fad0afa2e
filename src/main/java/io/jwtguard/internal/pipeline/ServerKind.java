package io.jwtguard.internal.pipeline;

import jakarta.servlet.ServletContext;
import java.util.Locale;

/**
 * The servers whose behaviour JwtGuard adapts to, told once from {@code ServletContext.getServerInfo()}: where a
 * filter that cannot start is served around rather than failing the deployment, and where container identity
 * mode is done.
 */
enum ServerKind {
    TOMCAT,
    JETTY,
    /** WildFly's Undertow (also JBoss EAP). */
    WILDFLY,
    /** GlassFish and its fork Payara. */
    GLASSFISH,
    OTHER;

    static ServerKind of(ServletContext context) {
        String server = String.valueOf(context.getServerInfo()).toLowerCase(Locale.ROOT);
        if (server.startsWith("apache tomcat/")) {
            return TOMCAT;
        }
        if (server.startsWith("jetty/")) {
            return JETTY;
        }
        if (server.contains("wildfly") || server.contains("undertow") || server.contains("jboss")) {
            return WILDFLY;
        }
        if (server.contains("glassfish") || server.contains("payara")) {
            return GLASSFISH;
        }
        return OTHER;
    }

    /** GlassFish and Payara log a filter's failed {@code init} and put the application in service without it. */
    boolean servesWithoutFailedFilters() {
        return this == GLASSFISH;
    }

    /**
     * Undertow (by default: {@code eager-filter-initialization=false}) starts a filter when a request first needs
     * it, so its failed {@code init} reaches a client, never the deployment.
     */
    boolean startsFiltersOnFirstRequest() {
        return this == WILDFLY;
    }

    /** Where container identity mode is done: Tomcat 10.1 and 11, WildFly, Jetty 12. */
    boolean runsContainerIdentity() {
        return this == TOMCAT || this == JETTY || this == WILDFLY;
    }
}
