package io.jwtguard;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * What JwtGuard's four public filters have in common: each is the stages its class names, run by JwtGuard's
 * implementation (reached through {@link JwtGuardRuntime}) over the application's one JwtGuard. Not API: only the four filters extend it.
 */
abstract class StageFilter implements Filter {

    private final Filter shell = Implementation.runtime().filter(getClass());

    @Override
    public final void init(FilterConfig config) throws ServletException {
        shell.init(config);
    }

    @Override
    public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        shell.doFilter(request, response, chain);
    }

    @Override
    public final void destroy() {
        shell.destroy();
    }
}
