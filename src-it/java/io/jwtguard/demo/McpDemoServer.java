package io.jwtguard.demo;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.mcp.JwtGuardMcp;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletRegistration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The demo's MCP server at {@code /mcp}: the official MCP Java SDK's Streamable HTTP transport, a plain servlet that
 * JwtGuard's filter guards like any other. Two tools: {@code whoami} (any authenticated caller: the endpoint's rule)
 * and {@code admin_report} (scope {@code mcp:admin}: {@code jwtguard.mcp.tool.admin_report.scopes} in the demo's
 * configuration).
 */
final class McpDemoServer {

    private McpDemoServer() {
    }

    /** Builds the server and registers its servlet; the server, to close with the application. */
    static AutoCloseable register(jakarta.servlet.ServletContext context) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .contextExtractor(JwtGuardMcp.contextExtractor())
                .build();
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("jwtguard-demo", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .toolCall(tool("whoami", "Who JwtGuard says the caller is: subject and scopes"), McpDemoServer::whoami)
                .toolCall(tool("admin_report", "A report for administrators (scope mcp:admin)"), McpDemoServer::report)
                .build();
        ServletRegistration.Dynamic mcp = context.addServlet("mcp", transport);
        mcp.setAsyncSupported(true);
        mcp.addMapping("/mcp");
        return server::close;
    }

    private static McpSchema.Tool tool(String name, String description) {
        return McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(Map.of("type", "object", "properties", Map.of())).build();
    }

    private static McpSchema.CallToolResult whoami(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        JwtPrincipal caller = JwtGuardMcp.caller(exchange.transportContext()).orElse(null);
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("subject", caller == null ? null : caller.getSubject());
        seen.put("scopes", new TreeSet<>(JwtGuardMcp.scopes(exchange.transportContext())));
        return McpSchema.CallToolResult.builder().addTextContent(Json.toJson(seen)).structuredContent(seen).build();
    }

    private static McpSchema.CallToolResult report(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        String subject = JwtGuardMcp.caller(exchange.transportContext()).map(JwtPrincipal::getSubject).orElse("?");
        return McpSchema.CallToolResult.builder().addTextContent("admin report for " + subject + ": all systems normal")
                .build();
    }
}
