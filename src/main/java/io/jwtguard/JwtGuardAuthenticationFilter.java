package io.jwtguard;

/**
 * JwtGuard's authentication stage as a filter of its own: verifies the bearer token, sets the principal,
 * and leaves the decision to {@link JwtGuardAuthorizationFilter}, which must be mapped after it. Never
 * refuses a request by itself (an {@code @AllowAnonymous} servlet must stay reachable), except with
 * {@code filter_order_wrong} when a registered {@link JwtGuardCorsFilter} has not run before it.
 * Thread-safe after {@code init}.
 */
public final class JwtGuardAuthenticationFilter extends StageFilter {
}
