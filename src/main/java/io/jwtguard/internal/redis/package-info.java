/**
 * Internal, an optional integration: the revocation store on Redis, for a fleet of instances sharing sign-outs and
 * refresh tokens. It needs Lettuce ({@code io.lettuce:lettuce-core}), an optional dependency: nothing here is loaded
 * unless {@code jwtguard.revocation.store=redis}, and then start-up names that dependency when it is missing.
 */
package io.jwtguard.internal.redis;
