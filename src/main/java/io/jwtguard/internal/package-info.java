/**
 * Internal: how JwtGuard works, not API. Applications must not use these packages; they change without
 * notice. One package per stage ({@code cors}, {@code authn}, {@code authz}), plus {@code config}
 * (settings read once at start-up), {@code diagnostics} (what a refusal says) and {@code pipeline} (the
 * filters' machinery and the one place that writes responses).
 */
package io.jwtguard.internal;
