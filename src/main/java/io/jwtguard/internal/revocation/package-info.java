/**
 * Internal, stage 2 continued: revocation. After a token verifies (from the cache or not), it is checked against
 * this instance's replica of the sign-outs (by {@code jti}, by session {@code sid}, by subject and {@code iat}),
 * which the {@link io.jwtguard.RevocationStore} keeps current: in memory, on Redis, or an application's own.
 * Also the refresh tokens' grants, rotation and replay detection. Returns results, writes no response. Depends on
 * authentication's result types; authentication depends on nothing here (its signer asks for
 * {@link io.jwtguard.internal.authn.TokenSigner.RefreshGrants}, which {@link RevocationService} implements).
 */
package io.jwtguard.internal.revocation;
