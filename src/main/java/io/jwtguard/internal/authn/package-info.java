/**
 * Internal, stage 2: authentication. The RFC 6750 bearer token's extraction, verification with java-jwt
 * against the trusted issuers' keys (fixed, JWKS or discovery), the verified-token cache and the caller.
 * Returns results, writes no response.
 */
package io.jwtguard.internal.authn;
