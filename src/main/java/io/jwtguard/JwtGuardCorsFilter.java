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
 * JwtGuard's CORS stage as a filter of its own, for applications that register the stages separately:
 * map it first, before {@link JwtGuardAuthenticationFilter} and {@link JwtGuardAuthorizationFilter}. When
 * it runs after authentication the request fails with {@code filter_order_wrong}, naming the order to use.
 * Most applications register {@link JwtGuardFilter} alone instead. Thread-safe after {@code init}.
 */
public final class JwtGuardCorsFilter implements Filter {

    private final FilterShell shell = new FilterShell(JwtGuardCorsFilter.class);

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
