package io.jwtguard.internal.pipeline;

import io.jwtguard.JwtGuardAuthenticationFilter;
import io.jwtguard.JwtGuardAuthorizationFilter;
import io.jwtguard.JwtGuardCorsFilter;
import io.jwtguard.JwtGuardFilter;
import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.SettingsSource;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs JwtGuard's start-up self-check when the application deploys, found by the container through
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}. Containers may initialise
 * filters lazily (WildFly's Undertow does, on the first request), so a check only in
 * {@code JwtGuardFilter.init} would leave a deployment that looks healthy and answers 500 to every
 * request; this one fails the deployment instead, with the same message. It also maps a
 * {@link NamedDispatchFilter} to every servlet by name, so named dispatches cannot skip a rule, and in
 * development registers the {@link RulesEndpoint}. Stateless.
 */
public final class JwtGuardInitializer implements ServletContainerInitializer {

    private static final System.Logger LOG = Refusals.LOG;

    private static final Set<String> JWTGUARD_FILTERS = Set.of(JwtGuardFilter.class.getName(),
            JwtGuardCorsFilter.class.getName(), JwtGuardAuthenticationFilter.class.getName(),
            JwtGuardAuthorizationFilter.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        boolean guarded = false;
        boolean development = false;
        for (Map.Entry<String, ? extends FilterRegistration> filter : context.getFilterRegistrations().entrySet()) {
            if (!JWTGUARD_FILTERS.contains(String.valueOf(filter.getValue().getClassName()))) {
                continue;
            }
            guarded = true;
            SettingsSource defaults = SettingsSource.of(filter.getValue().getInitParameters());
            try {
                development |= Guard.build(context, defaults, Clock.systemUTC()).settings().development();
            } catch (InvalidSettingsException e) {
                LOG.log(Level.ERROR, "Filter '" + filter.getKey() + "': " + e.getMessage());
                throw new ServletException(e.getMessage());
            }
        }
        if (guarded) {
            guardNamedDispatches(context);
        }
        if (development) {
            ServletRegistration.Dynamic rules = context.addServlet(RulesEndpoint.NAME, RulesEndpoint.class);
            if (rules != null) {
                rules.addMapping(RulesEndpoint.PATH);
            }
        }
    }

    /** One {@link NamedDispatchFilter} per servlet, mapped by name: URL-pattern filters miss named dispatches. */
    private static void guardNamedDispatches(ServletContext context) {
        for (String servlet : context.getServletRegistrations().keySet()) {
            FilterRegistration.Dynamic registration = context.addFilter("JwtGuard named dispatch to " + servlet,
                    new NamedDispatchFilter(servlet, context));
            if (registration != null) {
                registration.setAsyncSupported(true);
                registration.addMappingForServletNames(EnumSet.of(DispatcherType.FORWARD, DispatcherType.INCLUDE),
                        true, servlet);
            }
        }
    }
}
