package io.jwtguard;

/**
 * JwtGuard: one servlet filter that runs CORS, then authenticates JWT bearer tokens (RFC 6750), then
 * authorizes each request by the {@link Authorize} / {@link AllowAnonymous} annotations of the servlet
 * that will serve it; always in that order, so a preflight never needs a token and authorization never
 * runs before authentication. JwtGuard registers it itself when the application's jar has JwtGuard's (for
 * {@code /*}, every dispatcher, async-supported, ahead of the application's filters); declare it in {@code web.xml}
 * only to place it yourself, and that declaration wins ({@code jwtguard.filter.auto-register=false} turns the
 * automatic one off).
 *
 * <p>Settings come from MicroProfile Config ({@code jwtguard.*}), with init-params as the lowest-priority
 * defaults; they are read and checked once per application at deploy time, with every problem listed, and shared
 * by all of its JwtGuard filters. Stages return decisions; only JwtGuard's {@code Responder} writes responses.
 * Thread-safe after {@code init}.
 */
public final class JwtGuardFilter extends StageFilter {
}
