package io.jwtguard;

import io.jwtguard.authn.AuthenticationResult;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

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
public class JwtGuardFilter extends GuardFilter {

    public JwtGuardFilter() {
        this(Clock.systemUTC());
    }

    JwtGuardFilter(Clock clock) {
        super(clock);
    }

    @Override
    void filter(Guard guard, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!cors(guard, request, response)) {
            return;
        }
        Optional<AuthenticationResult> authentication = authenticate(guard, request, response);
        if (authentication.isPresent()) {
            authorize(guard, request, response, chain, authentication.get());
        }
    }

    @Override
    boolean authorizes() {
        return true;
    }

    @Override
    boolean authenticates() {
        return true;
    }

    @Override
    String stageName() {
        return "filter";
    }
}
