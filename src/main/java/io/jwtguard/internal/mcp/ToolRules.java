package io.jwtguard.internal.mcp;

import io.jwtguard.Reason;
import io.jwtguard.internal.authz.Rule;
import io.jwtguard.internal.config.McpSettings;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.ServletClasses;
import io.jwtguard.internal.diagnostics.Failure;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of an MCP server's tools ({@code jwtguard.mcp.tool.<name>.*}), and what a request to an MCP endpoint
 * calls: its body is read (bounded), the tools its {@code tools/call} messages name are found, and their rules
 * become the one rule the request must also satisfy, on top of the endpoint's. The body stays readable by the SDK.
 * Immutable.
 */
public final class ToolRules {

    /** The servlet transports of the official MCP Java SDK, matched along a servlet class's hierarchy. */
    private static final Set<String> TRANSPORTS = Set.of(
            "io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider",
            "io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider",
            "io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport",
            "io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport");

    private final Map<String, Rule> byTool;
    private final int maxBody;

    private ToolRules(Map<String, Rule> byTool, int maxBody) {
        this.byTool = Map.copyOf(byTool);
        this.maxBody = maxBody;
    }

    /** The tools' rules, every policy they name checked against those defined. */
    public static ToolRules of(McpSettings settings, Set<String> policies, Problems problems) {
        Map<String, Rule> byTool = new LinkedHashMap<>();
        for (McpSettings.Tool tool : settings.tools().values()) {
            String origin = "jwtguard.mcp.tool." + tool.name();
            if (!tool.policy().isEmpty() && !policies.contains(tool.policy())) {
                problems.add(origin + ".policy: policy '" + tool.policy() + "' is defined nowhere (jwtguard.policy."
                        + tool.policy() + ".* or an AuthorizationPolicy)");
            }
            byTool.put(tool.name(), Rule.restricted(Set.copyOf(tool.roles()), tool.scopes(), tool.policy(),
                    origin));
        }
        return new ToolRules(byTool, settings.maxBody());
    }

    /** Whether any tool has a rule: only then is a body read. */
    public boolean any() {
        return !byTool.isEmpty();
    }

    /** Each tool's rule, for the start-up table. */
    public Map<String, Rule> byTool() {
        return byTool;
    }

    /** The registered servlets that are MCP SDK transports. */
    public static Set<String> endpoints(ServletContext context, ClassLoader loader) {
        return ServletClasses.servletsOf(context, loader, TRANSPORTS);
    }

    /**
     * For the start-up log: tools that have rules while no servlet is an MCP SDK transport, so that the rules apply
     * nowhere (an application that serves MCP some other way is not guarded per tool).
     */
    public Optional<String> unused(Set<String> endpoints) {
        return any() && endpoints.isEmpty() ? Optional.of("jwtguard.mcp.tool.* gives tools "
                + new TreeSet<>(byTool.keySet()) + " rules, but no registered servlet is an MCP Java SDK servlet"
                + " transport (or extends one), so they apply nowhere; serve MCP with the SDK's servlet transports, or"
                + " remove the rules") : Optional.empty();
    }

    /** For the start-up log: each tool's rule and the endpoints it applies on. */
    public List<String> describe(Set<String> endpoints) {
        return endpoints.isEmpty() ? List.of() : byTool.entrySet().stream().map(e -> "MCP tool " + e.getKey()
                + " on servlet(s) " + new TreeSet<>(endpoints) + ": " + e.getValue().describe() + " ("
                + e.getValue().origin() + ")").toList();
    }

    /**
     * What a request to an MCP endpoint calls.
     *
     * @param request the request to go on with: its body can be read again
     * @param rule the rule of every tool it calls together, when any of them has one
     * @param refusal why the request cannot be let through, when it cannot be read
     */
    public record Calls(HttpServletRequest request, Optional<Rule> rule, Optional<Failure> refusal) {
    }

    /** Reads the request's body, bounded, and the rule of what it calls. */
    public Calls read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxBody) {
            return tooLarge(request);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            // A declared length is read in one piece; more bytes than declared, or than allowed, are not read.
            body = in.readNBytes(declared >= 0 ? (int) declared : maxBody + 1);
            if (declared >= 0 && in.read() != -1 || body.length > maxBody) {
                return tooLarge(request);
            }
        } catch (IOException e) {
            // The client stopped sending, or sent what the container cannot decode: its mistake, never a 500.
            return new Calls(request, Optional.empty(), Optional.of(Failure.of(Reason.MCP_REQUEST_UNREADABLE,
                    "the MCP request's body could not be read to its end")));
        }
        HttpServletRequest again = new ReadBodyRequest(request, body);
        ToolCalls.Read read = ToolCalls.read(body);
        if (read.unreadable().isPresent()) {
            return new Calls(again, Optional.empty(), Optional.of(Failure.of(Reason.MCP_REQUEST_UNREADABLE,
                    "the MCP request is not JSON-RPC JwtGuard can read: " + read.unreadable().get())));
        }
        Optional<Rule> rule = Optional.empty();
        for (String tool : read.tools()) {
            Rule toolRule = byTool.get(tool);
            if (toolRule != null) {
                rule = Optional.of(rule.map(earlier -> earlier.and(toolRule)).orElse(toolRule));
            }
        }
        return new Calls(again, rule, Optional.empty());
    }

    private Calls tooLarge(HttpServletRequest request) {
        return new Calls(request, Optional.empty(), Optional.of(Failure.of(Reason.MCP_REQUEST_TOO_LARGE,
                "the MCP request is larger than " + maxBody + " bytes (jwtguard.mcp.max-body)")));
    }
}
