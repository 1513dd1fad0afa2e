package io.jwtguard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;

/**
 * JwtGuard's CORS stage as a filter of its own, for applications that register the stages separately:
 * map it first, before {@link JwtGuardAuthenticationFilter} and {@link JwtGuardAuthorizationFilter}. When
 * it runs after authentication the request fails with {@code filter_order_wrong}, naming the order to use.
 * Most applications register {@link JwtGuardFilter} alone instead. Thread-safe after {@code init}.
 */
public class JwtGuardCorsFilter extends GuardFilter {

    public JwtGuardCorsFilter() {
        super(Clock.systemUTC());
    }

    @Override
    void filter(Guard guard, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (cors(guard, request, response)) {
            chain.doFilter(request, response);
        }
    }

    @Override
    String stageName() {
        return "CORS filter";
    }
}
