package io.jwtguard.internal.config;

import java.util.List;
import java.util.Map;

/**
 * The rules of an MCP server's tools, applied by the filter to each {@code tools/call} before the SDK reads the
 * request ({@code jwtguard.mcp.*}). Immutable.
 *
 * @param tools each tool's rule by the tool's name; empty when no tool has one (then no body is read)
 * @param maxBody the largest request body read to find the tools called, in bytes
 */
public record McpSettings(Map<String, Tool> tools, int maxBody) {

    public McpSettings {
        tools = Map.copyOf(tools);
    }

    /**
     * One tool's rule, as {@code @Authorize} writes a servlet's: any one of {@code roles}, every one of
     * {@code scopes}, the named {@code policy}; each part optional.
     */
    public record Tool(String name, List<String> roles, List<String> scopes, String policy) {

        public Tool {
            roles = List.copyOf(roles);
            scopes = List.copyOf(scopes);
        }
    }
}
