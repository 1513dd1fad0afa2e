package io.jwtguard.mcp;

import io.jwtguard.JwtPrincipal;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The caller JwtGuard verified, inside the tools of an MCP server built with the official MCP Java SDK. Give the SDK's
 * servlet transport JwtGuard's extractor, and each tool finds the caller in its exchange's transport context:
 *
 * <pre>{@code
 * HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
 *         .mcpEndpoint("/mcp")
 *         .contextExtractor(JwtGuardMcp.contextExtractor())
 *         .build();
 * ...
 * (exchange, request) -> {
 *     JwtPrincipal caller = JwtGuardMcp.caller(exchange.transportContext()).orElseThrow();
 *     ...
 * }
 * }</pre>
 *
 * Which caller may call which tool is decided before the SDK reads the request, by JwtGuard's filter: the endpoint's
 * rule, then the rule of each tool a {@code tools/call} names ({@code jwtguard.mcp.tool.<name>.*}, docs/mcp.md), so
 * a caller without the scope gets the HTTP challenge to step up, not a tool error. Stateless.
 */
public final class JwtGuardMcp {

    /** The {@link JwtPrincipal}. */
    public static final String PRINCIPAL = "io.jwtguard.principal";
    /** The caller's subject ({@code sub}), a {@code String}. */
    public static final String SUBJECT = "io.jwtguard.subject";
    /** The scopes the token grants, a {@code Set<String>} ({@link JwtPrincipal#getScopes()}). */
    public static final String SCOPES = "io.jwtguard.scopes";
    /** Every claim of the verified token, a {@code Map<String, Object>}. */
    public static final String CLAIMS = "io.jwtguard.claims";

    private JwtGuardMcp() {
    }

    /**
     * Puts the caller JwtGuard verified for the request in its transport context under {@link #PRINCIPAL},
     * {@link #SUBJECT}, {@link #SCOPES} and {@link #CLAIMS}; an empty context when the request has no JwtGuard caller
     * (an endpoint JwtGuard's filter does not cover, or one that allows anonymous callers).
     */
    public static McpTransportContextExtractor<HttpServletRequest> contextExtractor() {
        return request -> {
            if (!(request.getUserPrincipal() instanceof JwtPrincipal caller)) {
                return McpTransportContext.EMPTY;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(PRINCIPAL, caller);
            if (caller.getSubject() != null) {
                values.put(SUBJECT, caller.getSubject());
            }
            values.put(SCOPES, caller.getScopes());
            values.put(CLAIMS, caller.getClaims());
            return McpTransportContext.create(values);
        };
    }

    /** The caller a tool runs for, when {@link #contextExtractor()} found one. */
    public static Optional<JwtPrincipal> caller(McpTransportContext context) {
        return context != null && context.get(PRINCIPAL) instanceof JwtPrincipal caller ? Optional.of(caller)
                : Optional.empty();
    }

    /** The scopes of the caller a tool runs for; empty without one. */
    public static Set<String> scopes(McpTransportContext context) {
        return caller(context).map(JwtPrincipal::getScopes).orElse(Set.of());
    }
}
