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
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * What each public filter is, behind its three one-line methods: its stages, the {@link Pipeline} built in
 * {@code init} from them, and its end in {@code destroy}. Thread-safe: the pipeline is published once.
 *
 * <p>A filter whose {@code init} throws fails the deployment on Tomcat, Jetty and WildFly. GlassFish and Payara
 * log it and serve the application without the filter, every servlet unguarded; there a filter that cannot
 * start stays in the chain and refuses every request it covers ({@code 500 configuration_invalid}).
 */
public final class FilterShell {

    private final String description;
    private final List<Stage> stages;
    private volatile Pipeline pipeline;
    private volatile boolean refusingEverything;
    private volatile boolean standsAside;

    /** @param description for logs: "filter", "CORS filter", ... */
    public FilterShell(String description, Stage... stages) {
        this.description = description;
        this.stages = List.of(stages);
    }

    public void init(FilterConfig config) throws ServletException {
        if (AutomaticRegistration.standsAside(config.getServletContext(), config.getFilterName())) {
            standsAside = true; // the application's own JwtGuard filter runs the stages; this one passes requests on
            return;
        }
        try {
            pipeline = Pipeline.startOnce(config, description, Clock.systemUTC(), stages.toArray(Stage[]::new));
        } catch (ServletException | RuntimeException e) {
            // Any failure, expected or not: on GlassFish and Payara a filter whose init throws is left out silently.
            if (!servesWithoutFailedFilters(config.getServletContext())) {
                throw e;
            }
            refusingEverything = true;
            Refusals.LOG.log(Level.ERROR, "JwtGuard " + description + " '" + config.getFilterName() + "' could not start"
                    + " for " + Pipeline.contextName(config.getServletContext()) + ", and "
                    + config.getServletContext().getServerInfo() + " would serve the application without it: it"
                    + " refuses every request it covers with 500 configuration_invalid until the problems above are"
                    + " fixed and the application is redeployed");
        }
    }

    /** GlassFish and its fork Payara log a filter's failed {@code init} and put the application in service. */
    static boolean servesWithoutFailedFilters(ServletContext context) {
        String server = String.valueOf(context.getServerInfo()).toLowerCase(Locale.ROOT);
        return server.contains("glassfish") || server.contains("payara");
    }

    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (refusingEverything) {
            if (!(response instanceof HttpServletResponse http)) {
                throw new ServletException("JwtGuard could not start for this application");
            }
            Responder.withoutSettings().refuse(http, Failure.of(Reason.CONFIGURATION_INVALID,
                    "JwtGuard could not start for this application; the server log lists why"), CorrelationId.next());
            return;
        }
        Pipeline running = pipeline;
        if (running == null && standsAside) {
            chain.doFilter(request, response);
            return;
        }
        if (running == null) {
            throw new ServletException("JwtGuard " + description + " used before init()");
        }
        running.run(request, response, chain);
    }

    public void destroy() {
        Pipeline stopping = pipeline;
        pipeline = null;
        if (stopping != null) {
            stopping.close();
        }
    }
}
