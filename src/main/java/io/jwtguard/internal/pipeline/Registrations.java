package io.jwtguard.internal.pipeline;

import io.jwtguard.TokenRefreshServlet;
import io.jwtguard.internal.authz.RuleReport;
import io.jwtguard.internal.authz.RuleTable;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.mcp.ToolRules;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What JwtGuard reads from the application's registrations: each servlet's rules (and their report), the order of
 * the stage filters, the Jakarta REST dispatchers. Read at the initializer with what is registered so far, and read
 * again once, complete, after the application's listeners, which may register servlets in between; never per
 * filter. Immutable.
 *
 * @param tools the rules of MCP tools, applied to requests to {@code mcpEndpoints}
 * @param mcpEndpoints the servlets that are MCP SDK transports
 * @param complete whether read after every registration (then annotations on other classes were checked too)
 * @param metadata the protected resource metadata, when {@code jwtguard.resource} is set (its default
 *     {@code scopes_supported} come from the rules, so it is written with them)
 */
record Registrations(RuleTable rules, RuleReport report, FilterOrder order, Set<String> restDispatchers,
        ToolRules tools, Set<String> mcpEndpoints, boolean complete, java.util.Optional<ResourceMetadata> metadata) {

    Registrations {
        restDispatchers = Set.copyOf(restDispatchers);
        mcpEndpoints = Set.copyOf(mcpEndpoints);
    }

    /**
     * Reads the registrations as they are now, adding every problem to {@code problems}.
     *
     * @param annotated the classes with JwtGuard's annotations (checked for placement once complete), or null
     * @param authorizes whether a JwtGuard filter that authorizes is registered
     */
    static Registrations read(ServletContext context, Settings settings, Set<String> policies,
            Set<Class<?>> annotated, boolean complete, boolean authorizes, Problems problems) {
        RuleTable rules = RuleTable.fromContext(context, Guard.loader(context), settings.fallback(), policies,
                complete ? annotated : null, problems, settings.containerAuthentication());
        if (complete && authorizes) {
            unguardedServlets(context, problems);
        }
        refreshWithoutIssuer(context, settings, problems);
        ToolRules tools = ToolRules.of(settings.mcp(), policies, problems);
        Set<String> mcpEndpoints = ToolRules.endpoints(context, Guard.loader(context));
        java.util.Optional<ResourceMetadata> metadata = settings.resource().configured()
                ? java.util.Optional.of(ResourceMetadata.of(settings.resource(),
                        scopesNamed(rules, tools, mcpEndpoints), settings.dpop()))
                : java.util.Optional.empty();
        return new Registrations(rules, RuleReport.of(rules, context), FilterOrder.of(context.getFilterRegistrations()),
                RestServlets.dispatchers(context), tools, mcpEndpoints, complete, metadata);
    }

    /**
     * Every scope a servlet's rule names, and a tool's where MCP is served (a tool rule with no MCP endpoint applies
     * nowhere): the metadata's {@code scopes_supported} unless configured.
     */
    private static List<String> scopesNamed(RuleTable rules, ToolRules tools, Set<String> mcpEndpoints) {
        Set<String> scopes = new LinkedHashSet<>(rules.scopes());
        if (!mcpEndpoints.isEmpty()) {
            tools.byTool().values().forEach(rule -> scopes.addAll(rule.scopes()));
        }
        return List.copyOf(scopes);
    }

    /** Whether the request may call MCP tools that have rules: a POST to an MCP endpoint. */
    boolean callsRuledTools(String servletName, HttpServletRequest request) {
        return tools.any() && servletName != null && mcpEndpoints.contains(servletName)
                && "POST".equals(request.getMethod());
    }

    /** Jakarta REST dispatcher servlets: their resources' rules are JwtGuardFeature's to apply. */
    boolean isRestDispatcher(String servletName) {
        return servletName != null && restDispatchers.contains(servletName);
    }

    /**
     * A servlet registered after JwtGuard guarded the servlets (by a listener that runs after
     * {@code JwtGuardContextListener}, or with web fragments off) could be run by a named dispatch with no rule.
     */
    private static void unguardedServlets(ServletContext context, Problems problems) {
        for (String servlet : context.getServletRegistrations().keySet()) {
            if (!NamedDispatchFilter.guards(context, servlet)) {
                problems.add("servlet '" + servlet + "' is not guarded against named dispatches"
                        + " (getNamedDispatcher(\"" + servlet + "\").forward would run it without its rule): it was"
                        + " registered after JwtGuard guarded the servlets; declare"
                        + " <listener><listener-class>io.jwtguard.JwtGuardContextListener</listener-class></listener>"
                        + " in web.xml after the listeners that register servlets (JwtGuard's web fragment declares it"
                        + " unless web.xml is metadata-complete or its <absolute-ordering> leaves out 'jwtguard')");
            }
        }
    }

    /** A refresh endpoint mapped while no {@code TokenIssuer} is published could only ever answer 503. */
    private static void refreshWithoutIssuer(ServletContext context, Settings settings, Problems problems) {
        if (settings.publishTokenIssuer()) {
            return;
        }
        context.getServletRegistrations().forEach((name, registration) -> {
            if (TokenRefreshServlet.class.getName().equals(registration.getClassName())) {
                problems.add("servlet '" + name + "' is io.jwtguard.TokenRefreshServlet, which exchanges refresh tokens"
                        + " with the published TokenIssuer, but jwtguard.token-issuer.publish is false; set it to true");
            }
        });
    }
}
