package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.diagnostics.CorrelationId;
import io.jwtguard.internal.diagnostics.Failure;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Guards one servlet against named dispatches ({@code ServletContext.getNamedDispatcher(name)}). A named
 * forward or include runs only the filters mapped to the servlet's name, not those mapped to URL patterns,
 * and the request keeps the caller's mapping, so the main filter could neither see it nor tell which
 * servlet runs. {@link JwtGuardInitializer} therefore maps one of these to each servlet by name, for FORWARD
 * and INCLUDE; it applies that servlet's rule with the application's authorizing pipeline. For URL
 * dispatches it repeats the main filter's decision. Immutable and thread-safe.
 */
final class NamedDispatchFilter implements Filter {

    private final String servletName;
    private final ServletContext context;

    NamedDispatchFilter(String servletName, ServletContext context) {
        this.servletName = servletName;
        this.context = context;
    }

    static String nameFor(String servlet) {
        return "JwtGuard named dispatch to " + servlet;
    }

    /** Whether a guard of this kind is mapped by name to {@code servlet} for forwards and includes. */
    static boolean guards(ServletContext context, String servlet) {
        FilterRegistration registration = context.getFilterRegistration(nameFor(servlet));
        return registration != null && NamedDispatchFilter.class.getName().equals(registration.getClassName())
                && registration.getServletNameMappings().contains(servlet);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)
                || http.getDispatcherType() == DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Pipeline> authorizing = Pipeline.authorizing(context);
        if (authorizing.isEmpty()) {
            // No authorizing JwtGuard filter has started: fail closed rather than run the servlet unguarded,
            // answered like every other refusal.
            Responder.withoutSettings().refuse(httpResponse, Failure.of(Reason.FILTER_ORDER_WRONG,
                    "a dispatch to servlet '" + servletName + "' arrived before any authorizing JwtGuard filter"
                            + " started; map io.jwtguard.JwtGuardFilter to /* for REQUEST"),
                    CorrelationId.next());
            return;
        }
        Optional<HttpServletRequest> allowed = Stage.authorize(authorizing.get(), servletName, http, httpResponse);
        if (allowed.isPresent()) {
            chain.doFilter(allowed.get(), httpResponse);
        }
    }
}
