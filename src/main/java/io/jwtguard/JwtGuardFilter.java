package io.jwtguard;

import io.jwtguard.internal.pipeline.FilterShell;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * JwtGuard: one servlet filter that runs CORS, then authenticates JWT bearer tokens (RFC 6750), then
 * authorizes each request by the {@link Authorize} / {@link AllowAnonymous} annotations of the servlet
 * that will serve it; always in that order, so a preflight never needs a token and authorization never
 * runs before authentication. Register it in {@code web.xml} for {@code /*} and every dispatch:
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>JwtGuard</filter-name>
 *   <filter-class>io.jwtguard.JwtGuardFilter</filter-class>
 *   <async-supported>true</async-supported>
 * </filter>
 * <filter-mapping>
 *   <filter-name>JwtGuard</filter-name>
 *   <url-pattern>/*</url-pattern>
 *   <dispatcher>REQUEST</dispatcher>
 *   <dispatcher>FORWARD</dispatcher>
 *   <dispatcher>INCLUDE</dispatcher>
 *   <dispatcher>ASYNC</dispatcher>
 *   <dispatcher>ERROR</dispatcher>
 * </filter-mapping>
 * }</pre>
 *
 * <p>Settings come from MicroProfile Config ({@code jwtguard.*}), with init-params as the lowest-priority
 * defaults; they are read and checked once in {@link #init}, which fails with every problem listed.
 * Stages return decisions; only the filter writes responses. Thread-safe after {@code init}.
 */
public final class JwtGuardFilter implements Filter {

    private final FilterShell shell = new FilterShell(JwtGuardFilter.class);

    @Override
    public void init(FilterConfig config) throws ServletException {
        shell.init(config);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        shell.doFilter(request, response, chain);
    }

    @Override
    public void destroy() {
        shell.destroy();
    }
}
