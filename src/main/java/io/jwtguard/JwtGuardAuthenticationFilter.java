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
 * JwtGuard's authentication stage as a filter of its own: verifies the bearer token, sets the principal,
 * and leaves the decision to {@link JwtGuardAuthorizationFilter}, which must be mapped after it. Never
 * refuses a request by itself (an {@code @AllowAnonymous} servlet must stay reachable), except with
 * {@code filter_order_wrong} when a registered {@link JwtGuardCorsFilter} has not run before it.
 * Thread-safe after {@code init}.
 */
public class JwtGuardAuthenticationFilter extends GuardFilter {

    public JwtGuardAuthenticationFilter() {
        super(Clock.systemUTC());
    }

    @Override
    void filter(Guard guard, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<AuthenticationResult> authentication = authenticate(guard, request, response);
        if (authentication.isPresent()) {
            chain.doFilter(withPrincipal(request, authentication.get()), response);
        }
    }

    @Override
    boolean authenticates() {
        return true;
    }

    @Override
    String stageName() {
        return "authentication filter";
    }
}
