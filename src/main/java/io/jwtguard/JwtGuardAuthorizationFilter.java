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
 * JwtGuard's authorization stage as a filter of its own: applies the {@link Authorize} /
 * {@link AllowAnonymous} rule of the servlet that will run. It needs {@link JwtGuardAuthenticationFilter}
 * mapped before it; without that, every request fails with {@code filter_order_wrong} (500) and a message
 * naming the {@code <filter-mapping>} order to use, instead of a mysterious 401 (the article's
 * middleware-order cause). Thread-safe after {@code init}.
 */
public final class JwtGuardAuthorizationFilter implements Filter {

    private final FilterShell shell = new FilterShell(JwtGuardAuthorizationFilter.class);

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
