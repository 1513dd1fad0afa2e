package io.jwtguard.internal.pipeline;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * What each public filter is, behind its three one-line methods: its stages, the {@link Pipeline} built in
 * {@code init} from them, and its end in {@code destroy}. Thread-safe: the pipeline is published once.
 */
public final class FilterShell {

    private final String description;
    private final List<Stage> stages;
    private volatile Pipeline pipeline;

    /** @param description for logs: "filter", "CORS filter", ... */
    public FilterShell(String description, Stage... stages) {
        this.description = description;
        this.stages = List.of(stages);
    }

    public void init(FilterConfig config) throws ServletException {
        pipeline = Pipeline.start(config, description, Clock.systemUTC(), stages.toArray(Stage[]::new));
    }

    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Pipeline running = pipeline;
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
