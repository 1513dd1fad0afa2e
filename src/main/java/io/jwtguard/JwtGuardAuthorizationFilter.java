package io.jwtguard;

/**
 * JwtGuard's authorization stage as a filter of its own: applies the {@link Authorize} /
 * {@link AllowAnonymous} rule of the servlet that will run. It needs {@link JwtGuardAuthenticationFilter}
 * mapped before it; without that, every request fails with {@code filter_order_wrong} (500) and a message
 * naming the {@code <filter-mapping>} order to use, instead of a mysterious 401 (the article's
 * middleware-order cause). Thread-safe after {@code init}.
 */
public final class JwtGuardAuthorizationFilter extends StageFilter {
}
