/**
 * Authentication, proof of possession: the DPoP proof (RFC 9449) a request sends with a token bound to a key, checked
 * after the token is verified and before any rule, with used proofs remembered in the revocation store so that a
 * replay is refused on every instance. Internal.
 */
package io.jwtguard.internal.dpop;
