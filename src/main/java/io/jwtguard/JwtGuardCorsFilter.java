package io.jwtguard;

/**
 * JwtGuard's CORS stage as a filter of its own, for applications that register the stages separately:
 * map it first, before {@link JwtGuardAuthenticationFilter} and {@link JwtGuardAuthorizationFilter}. When
 * it runs after authentication the request fails with {@code filter_order_wrong}, naming the order to use.
 * Most applications register {@link JwtGuardFilter} alone instead. Thread-safe after {@code init}.
 */
public final class JwtGuardCorsFilter extends StageFilter {
}
