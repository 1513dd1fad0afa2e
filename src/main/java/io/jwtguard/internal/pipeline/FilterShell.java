package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.diagnostics.CorrelationId;
import io.jwtguard.internal.diagnostics.Failure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * What each public filter is, behind its three one-line methods: its {@link FilterKind}, the {@link Pipeline} it
 * runs over the application's one guard (from {@link Installation}), and its end in {@code destroy}. Thread-safe:
 * the pipeline is published once.
 *
 * <p>A filter whose {@code init} throws fails the deployment on Tomcat and Jetty. GlassFish and Payara log it and
 * serve the application without the filter, every servlet unguarded; WildFly starts filters on their first request,
 * once the deployment has succeeded, and answers its own HTML 500 page to every request. On those three a filter that
 * cannot start stays in the chain and refuses every request it covers with JwtGuard's own answer ({@code 500
 * configuration_invalid}). JwtGuard's deploy-time check fails such deployments first wherever it runs; this is for
 * what it cannot see (an {@code <absolute-ordering>} that leaves its jar out, a store that breaks when created).
 */
public final class FilterShell implements jakarta.servlet.Filter {

    private final FilterKind kind;
    private volatile Installation installation;
    private volatile Pipeline pipeline;
    private volatile boolean refusingEverything;
    private volatile boolean standsAside;

    /** @param filter the public filter this is the inside of */
    public FilterShell(Class<? extends jakarta.servlet.Filter> filter) {
        this.kind = FilterKind.of(filter.getName()).orElseThrow();
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        if (AutomaticRegistration.standsAside(context, config.getFilterName())) {
            standsAside = true; // the application's own JwtGuard filter runs the stages; this one passes requests on
            return;
        }
        try {
            Installation installed = Installation.of(context);
            pipeline = installed.startFilter(kind, config.getFilterName());
            installation = installed;
        } catch (ServletException | RuntimeException e) {
            // Any failure, expected or not: where the server would not fail the deployment for it, refuse instead.
            ServerKind server = ServerKind.of(context);
            String why;
            if (server.servesWithoutFailedFilters()) {
                why = context.getServerInfo() + " would serve the application without it";
            } else if (server.startsFiltersOnFirstRequest()) {
                why = context.getServerInfo() + " starts filters on their first request, after the deployment"
                        + " succeeded, so this cannot fail the deployment";
            } else {
                throw e;
            }
            refusingEverything = true;
            String ordering = Installation.of(context).hasInitializerRun() ? ""
                    : " (JwtGuard's deploy-time check, which would have failed the deployment, did not run: web.xml's"
                    + " <absolute-ordering> leaves out 'jwtguard'; add <others/> or <name>jwtguard</name> to it)";
            Refusals.LOG.log(Level.ERROR, "JwtGuard " + kind.description() + " '" + config.getFilterName() + "' could"
                    + " not start for " + Pipeline.contextName(context) + ", and " + why + ": it refuses every request"
                    + " it covers with 500 configuration_invalid until the problems above are fixed and the"
                    + " application is redeployed" + ordering);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (refusingEverything) {
            if (!(response instanceof HttpServletResponse http)) {
                throw new ServletException("JwtGuard could not start for this application");
            }
            Responder.withoutSettings().refuse(http, Failure.of(Reason.CONFIGURATION_INVALID, "JwtGuard could not"
                    + " start for this application; fix the problems the server log names, then redeploy"),
                    CorrelationId.next());
            return;
        }
        Pipeline running = pipeline;
        if (running == null && standsAside) {
            chain.doFilter(request, response);
            return;
        }
        if (running == null) {
            throw new ServletException("JwtGuard " + kind.description() + " used before init()");
        }
        running.run(request, response, chain);
    }

    @Override
    public void destroy() {
        Installation stopping = installation;
        installation = null;
        pipeline = null;
        if (stopping != null) {
            stopping.filterStopped();
        }
    }
}
