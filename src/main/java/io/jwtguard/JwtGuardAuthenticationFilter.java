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
 * JwtGuard's authentication stage as a filter of its own: verifies the bearer token, sets the principal,
 * and leaves the decision to {@link JwtGuardAuthorizationFilter}, which must be mapped after it. Never
 * refuses a request by itself (an {@code @AllowAnonymous} servlet must stay reachable), except with
 * {@code filter_order_wrong} when a registered {@link JwtGuardCorsFilter} has not run before it.
 * Thread-safe after {@code init}.
 */
public final class JwtGuardAuthenticationFilter implements Filter {

    private final FilterShell shell = new FilterShell(JwtGuardAuthenticationFilter.class);

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
