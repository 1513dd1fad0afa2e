package io.jwtguard.demo;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Registers the demo's MCP server ({@link McpDemoServer}) from web.xml, before {@code JwtGuardContextListener}, as
 * an application registers a servlet it builds in code. Where the WAR does not carry the MCP Java SDK, the demo
 * serves no {@code /mcp} and says so.
 */
public final class McpServerListener implements ServletContextListener {

    private AutoCloseable server;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            Class.forName("io.modelcontextprotocol.server.McpServer", false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            event.getServletContext().log("JwtGuard demo: no MCP Java SDK in this WAR, so /mcp is not served");
            return;
        }
        server = McpDemoServer.register(event.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                event.getServletContext().log("JwtGuard demo: the MCP server did not close cleanly", e);
            }
        }
    }
}
