/**
 * JwtGuard's public API, and all of it: the filters ({@link io.jwtguard.JwtGuardFilter} and the three
 * stage filters), the annotations ({@link io.jwtguard.Authorize}, {@link io.jwtguard.AllowAnonymous}), the
 * caller ({@link io.jwtguard.JwtPrincipal}), the extension points ({@link io.jwtguard.JwtGuardListener},
 * {@link io.jwtguard.AuthorizationPolicy}, {@link io.jwtguard.TokenDecision}), the reason codes and the
 * read-only {@link io.jwtguard.Refusal}, the {@link io.jwtguard.TokenIssuer} and the counters' MXBean; beside it,
 * {@code io.jwtguard.testing}, the test kit for an application's own tests.
 * Nothing under {@code io.jwtguard.internal} is API: it may change in any release.
 */
package io.jwtguard;
