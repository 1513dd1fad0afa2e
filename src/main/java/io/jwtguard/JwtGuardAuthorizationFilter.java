package io.jwtguard;

import io.jwtguard.authn.AuthenticationResult;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;

/**
 * JwtGuard's authorization stage as a filter of its own: applies the {@link Authorize} /
 * {@link AllowAnonymous} rule of the servlet that will run. It needs {@link JwtGuardAuthenticationFilter}
 * mapped before it; without that, every request fails with {@code filter_order_wrong} (500) and a message
 * naming the {@code <filter-mapping>} order to use, instead of a mysterious 401 (the article's
 * middleware-order cause). Thread-safe after {@code init}.
 */
public class JwtGuardAuthorizationFilter extends GuardFilter {

    public JwtGuardAuthorizationFilter() {
        super(Clock.systemUTC());
    }

    @Override
    void filter(Guard guard, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(AUTHENTICATION) instanceof AuthenticationResult authentication) {
            authorize(guard, request, response, chain, authentication);
        } else {
            refuse(guard, request, response, orderFailure());
        }
    }

    @Override
    boolean authorizes() {
        return true;
    }

    @Override
    String stageName() {
        return "authorization filter";
    }
}
