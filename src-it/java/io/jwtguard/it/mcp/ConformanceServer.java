package io.jwtguard.it.mcp;

import io.jwtguard.JwtGuardContextListener;
import io.jwtguard.JwtGuardFilter;
import io.jwtguard.demo.McpServerListener;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The demo's MCP server (the MCP Java SDK's servlet and its two tools) on embedded Jetty, with JwtGuard's filter in
 * front of it or without, for the MCP conformance suite, which sends no token: so JwtGuard lets anonymous callers
 * through ({@code jwtguard.authorization.fallback=anonymous}, given as a system property) while its tool rules still
 * read every request's body. Prints {@code ready <url>} once it serves.
 * Usage: {@code ConformanceServer guarded|bare}
 */
public final class ConformanceServer {

    private ConformanceServer() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.eclipse.jetty.LEVEL", "OFF");
        boolean guarded = args.length > 0 && args[0].equals("guarded");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addEventListener(new McpServerListener());
        if (guarded) {
            // As web.xml would declare it: after the listener that registers the MCP servlet.
            context.addEventListener(new JwtGuardContextListener());
            FilterHolder filter = new FilterHolder(JwtGuardFilter.class);
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
        }
        server.setHandler(context);
        server.start();
        System.out.println("ready http://localhost:" + connector.getLocalPort() + "/mcp");
        server.join();
    }
}
