/**
 * Internal: how JwtGuard works, not API. Applications must not use these packages; they change without
 * notice. One package per stage ({@code cors}, {@code authn}, {@code authz}), plus {@code config}
 * (settings read once at start-up), {@code diagnostics} (what a refusal says), {@code revocation} (sign-out and
 * refresh grants), {@code rest} (rules on Jakarta REST resources), {@code redis} (the optional shared store) and
 * {@code pipeline} (the stages run in order over one JwtGuard per application, and the one place that writes
 * responses).
 */
package io.jwtguard.internal;
