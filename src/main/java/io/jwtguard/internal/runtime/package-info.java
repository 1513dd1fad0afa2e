/**
 * Internal: where the public package's entry points (the filters, the listener, the Jakarta REST feature, the token
 * endpoints, {@code TokenIssuer.of}, {@code Revocations.of}, {@code JwtPrincipal}) meet the stages that do the work,
 * through {@code io.jwtguard.JwtGuardRuntime}; the public package depends on none of the internal ones.
 */
package io.jwtguard.internal.runtime;
