package io.jwtguard;

import io.jwtguard.internal.pipeline.Pipeline;
import io.jwtguard.internal.pipeline.Stage;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.time.Clock;

/**
 * JwtGuard's authorization stage as a filter of its own: applies the {@link Authorize} /
 * {@link AllowAnonymous} rule of the servlet that will run. It needs {@link JwtGuardAuthenticationFilter}
 * mapped before it; without that, every request fails with {@code filter_order_wrong} (500) and a message
 * naming the {@code <filter-mapping>} order to use, instead of a mysterious 401 (the article's
 * middleware-order cause). Thread-safe after {@code init}.
 */
public final class JwtGuardAuthorizationFilter implements Filter {

    private volatile Pipeline pipeline;

    @Override
    public void init(FilterConfig config) throws ServletException {
        pipeline = Pipeline.start(config, "authorization filter", Clock.systemUTC(), Stage.AUTHORIZE);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Pipeline running = pipeline;
        if (running == null) {
            throw new ServletException("JwtGuard filter used before init()");
        }
        running.run(request, response, chain);
    }

    @Override
    public void destroy() {
        Pipeline stopping = pipeline;
        pipeline = null;
        if (stopping != null) {
            stopping.close();
        }
    }
}
