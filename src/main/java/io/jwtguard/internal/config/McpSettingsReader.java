package io.jwtguard.internal.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings by concern: the rules of an MCP server's tools, {@code jwtguard.mcp.tool.<name>.roles | scopes | policy},
 * checked for unknown parts and empty rules. A tool's name may hold dots (MCP allows them): the part is the last
 * segment. Not thread-safe; used once per start-up.
 */
final class McpSettingsReader {

    static final String TOOL_PREFIX = "jwtguard.mcp.tool.";
    private static final List<String> PARTS = List.of("roles", "scopes", "policy");

    private final SettingValues values;

    McpSettingsReader(SettingValues values) {
        this.values = values;
    }

    McpSettings mcp() {
        Map<String, Map<String, String>> parts = new TreeMap<>();
        for (String key : values.names()) {
            if (!key.startsWith(TOOL_PREFIX)) {
                continue;
            }
            String rest = key.substring(TOOL_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String tool = dot <= 0 ? "" : rest.substring(0, dot);
            String part = dot < 0 ? rest : rest.substring(dot + 1);
            if (tool.isEmpty() || !PARTS.contains(part)) {
                values.problem(key + ": write a tool's rule as " + TOOL_PREFIX + "<tool>.roles, .scopes or .policy");
            } else if (!tool.matches("[A-Za-z0-9_./-]{1,128}")) {
                values.problem(key + ": '" + tool + "' is not an MCP tool name (letters, digits, '_', '-', '.', '/')");
            } else {
                parts.computeIfAbsent(tool, t -> new TreeMap<>()).put(part, values.raw(key));
            }
        }
        Map<String, McpSettings.Tool> tools = new LinkedHashMap<>();
        parts.forEach((name, rule) -> {
            McpSettings.Tool tool = new McpSettings.Tool(name, SettingValues.split(rule.getOrDefault("roles", "")),
                    SettingValues.split(rule.getOrDefault("scopes", "")), rule.getOrDefault("policy", "").trim());
            if (tool.roles().isEmpty() && tool.scopes().isEmpty() && tool.policy().isEmpty()) {
                values.problem(TOOL_PREFIX + name + ": the rule requires nothing; give it roles, scopes or a policy,"
                        + " or remove it (a tool without a rule has its endpoint's)");
            }
            tools.put(name, tool);
        });
        return new McpSettings(tools, values.number(Setting.MCP_MAX_BODY));
    }
}
