package io.jwtguard;

import java.util.Locale;

/**
 * Why JwtGuard refused a request: one stable, machine-readable code per cause, each tied to its HTTP
 * status and RFC 6750 §3.1 error code. Immutable and thread-safe.
 *
 * <p>The {@link #code()} strings are a public contract: clients and dashboards match on them, so a
 * constant is never renamed, only added.
 */
public enum Reason {
    MISSING_TOKEN(401, null, "Bearer token required"),
    UNSUPPORTED_SCHEME(401, null, "Authorization scheme not supported"),
    MALFORMED_AUTHORIZATION_HEADER(400, "invalid_request", "Malformed Authorization header"),
    MALFORMED_TOKEN(401, "invalid_token", "Malformed token"),
    ALGORITHM_NOT_ALLOWED(401, "invalid_token", "Token algorithm not allowed"),
    INVALID_SIGNATURE(401, "invalid_token", "Invalid token signature"),
    UNKNOWN_KEY_ID(401, "invalid_token", "Unknown signing key"),
    TOKEN_EXPIRED(401, "invalid_token", "Token expired"),
    TOKEN_NOT_YET_VALID(401, "invalid_token", "Token not yet valid"),
    ISSUER_MISMATCH(401, "invalid_token", "Token issuer not trusted"),
    AUDIENCE_MISMATCH(401, "invalid_token", "Token audience not accepted"),
    MISSING_REQUIRED_CLAIM(401, "invalid_token", "Required claim missing"),
    /** The token, its session (its refresh family) or every token of its subject was signed out. */
    TOKEN_REVOKED(401, "invalid_token", "Token revoked"),
    KEY_SOURCE_UNAVAILABLE(503, null, "Signing keys unavailable"),
    /**
     * The revocation store has been unreachable for longer than {@code jwtguard.revocation.max-stale}, so this
     * instance cannot tell whether a token was signed out elsewhere (with {@code on-store-failure=refuse}).
     */
    REVOCATION_UNAVAILABLE(503, null, "Revocation list unavailable"),
    INSUFFICIENT_ROLE(403, "insufficient_scope", "Role required"),
    POLICY_FAILED(403, "insufficient_scope", "Policy not satisfied"),
    /** The token lacks an OAuth scope the rule requires ({@code @Authorize(scopes = ...)}). */
    INSUFFICIENT_SCOPE(403, "insufficient_scope", "Scope required"),
    CORS_ORIGIN_NOT_ALLOWED(403, null, "CORS origin not allowed"),
    CORS_METHOD_NOT_ALLOWED(403, null, "CORS method not allowed"),
    CORS_HEADER_NOT_ALLOWED(403, null, "CORS header not allowed"),
    /**
     * A browser's preflight reached an endpoint that needs authentication while CORS is off
     * ({@code jwtguard.cors.allowed-origins} empty): a preflight never carries a token, so no credentials could
     * fix it.
     */
    CORS_DISABLED(403, null, "CORS is off"),
    /**
     * A request to an MCP endpoint whose tools have rules is not JSON-RPC that JwtGuard can read (not JSON, a member
     * named twice, a {@code tools/call} without a tool name), so the tools it calls cannot be known.
     */
    MCP_REQUEST_UNREADABLE(400, null, "MCP request not readable"),
    /** A request to an MCP endpoint whose tools have rules is larger than {@code jwtguard.mcp.max-body}. */
    MCP_REQUEST_TOO_LARGE(413, null, "MCP request too large"),
    FILTER_ORDER_WRONG(500, null, "JwtGuard filters registered in the wrong order"),
    /** A listener's {@code messageReceived} or {@code tokenValidated} threw: a server fault, never an admission. */
    LISTENER_FAILED(500, null, "A JwtGuard listener failed"),
    /**
     * JwtGuard could not start for this application, on a server that keeps serving an application whose
     * filter failed to start (GlassFish, Payara) or starts filters on their first request (WildFly): every request
     * it covers is refused instead.
     */
    CONFIGURATION_INVALID(500, null, "JwtGuard is not configured correctly"),
    /**
     * The token is valid, but the user's authentication behind it is not strong or recent enough for this endpoint
     * ({@code acr} not among those the rule accepts, {@code auth_time} older than its maximum age or absent): RFC 9470
     * §3, answered with the {@code acr_values} and {@code max_age} the client should ask the authorization server for.
     */
    INSUFFICIENT_USER_AUTHENTICATION(401, "insufficient_user_authentication",
            "Stronger or more recent authentication required"),
    /**
     * An OpenID Connect ID token was sent where an access token belongs (RFC 9068 §4 and §6): it tells the client who
     * logged in, it does not let it call an API.
     */
    ID_TOKEN_PRESENTED(401, "invalid_token", "ID token sent instead of an access token"),
    /** The {@code DPoP} scheme came without exactly one {@code DPoP} proof header (RFC 9449 §4.3, §7.1). */
    DPOP_PROOF_MISSING(401, "invalid_dpop_proof", "DPoP proof missing"),
    /** The proof is no JWT of type {@code dpop+jwt} with the claims RFC 9449 §4.2 requires. */
    DPOP_PROOF_MALFORMED(401, "invalid_dpop_proof", "DPoP proof malformed"),
    /** The proof's {@code alg} is not in {@code jwtguard.dpop.algorithms} (an HMAC or {@code none} never is). */
    DPOP_ALGORITHM_NOT_ALLOWED(401, "invalid_dpop_proof", "DPoP proof algorithm not allowed"),
    /** The proof's {@code jwk} is missing, holds private parts, or is no public key for its {@code alg}. */
    DPOP_KEY_INVALID(401, "invalid_dpop_proof", "DPoP proof key invalid"),
    /** The proof's signature does not verify with the key it carries. */
    DPOP_SIGNATURE_INVALID(401, "invalid_dpop_proof", "DPoP proof signature invalid"),
    /** The proof's {@code htm} is not the request's method. */
    DPOP_METHOD_MISMATCH(401, "invalid_dpop_proof", "DPoP proof made for another method"),
    /** The proof's {@code htu} is not the request's URL (scheme, host, port and path). */
    DPOP_URL_MISMATCH(401, "invalid_dpop_proof", "DPoP proof made for another URL"),
    /** The proof's {@code iat} is older than {@code jwtguard.dpop.max-age}, or later than now plus the clock skew. */
    DPOP_PROOF_EXPIRED(401, "invalid_dpop_proof", "DPoP proof expired"),
    /** The proof's {@code jti} was seen before, on this instance or (with a shared store) on another. */
    DPOP_PROOF_REPLAYED(401, "invalid_dpop_proof", "DPoP proof replayed"),
    /** The proof's {@code ath} is not the hash of the access token it came with. */
    DPOP_TOKEN_HASH_MISMATCH(401, "invalid_dpop_proof", "DPoP proof made for another token"),
    /** The token's {@code cnf.jkt} is not the thumbprint of the proof's key: the token is bound to another key. */
    DPOP_KEY_MISMATCH(401, "invalid_token", "Token bound to another key"),
    /** {@code jwtguard.dpop.nonce} is on and the proof has no current nonce: retry with the {@code DPoP-Nonce} sent. */
    DPOP_NONCE_REQUIRED(401, "use_dpop_nonce", "DPoP nonce required"),
    /** A DPoP-bound token ({@code cnf.jkt}) came with the {@code Bearer} scheme, without its proof (a downgrade). */
    DPOP_BOUND_TOKEN_AS_BEARER(401, "invalid_token", "DPoP-bound token sent as a bearer token"),
    /** A token with no {@code cnf.jkt} came with the {@code DPoP} scheme: nothing binds it to the proof's key. */
    DPOP_TOKEN_NOT_BOUND(401, "invalid_token", "Token not bound to a DPoP key"),
    /** {@code jwtguard.dpop=required} and the request used the {@code Bearer} scheme. */
    DPOP_REQUIRED(401, null, "DPoP required"),
    /**
     * The store that remembers used proofs cannot be reached, so this instance cannot tell a replay (with
     * {@code on-store-failure=refuse}): a server fault.
     */
    DPOP_UNAVAILABLE(503, null, "DPoP replay check unavailable");

    private final int status;
    private final String bearerError;
    private final String title;
    private final String code;

    Reason(int status, String bearerError, String title) {
        this.status = status;
        this.bearerError = bearerError;
        this.title = title;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    /** The stable code, e.g. {@code token_expired}. */
    public String code() {
        return code;
    }

    /** The HTTP status the refusal is answered with. */
    public int status() {
        return status;
    }

    /**
     * The challenge's {@code error} value (RFC 6750 §3.1; RFC 9449 §7.1 for {@code invalid_dpop_proof} and
     * {@code use_dpop_nonce}), or {@code null} when the challenge carries none.
     */
    public String bearerError() {
        return bearerError;
    }

    /** A short, fixed, human-readable summary (the problem's {@code title}). */
    public String title() {
        return title;
    }

    /**
     * Whether the refusal is about a DPoP proof (RFC 9449), so that its challenge is of the {@code DPoP} scheme
     * whatever scheme the other refusals' challenges use.
     */
    public boolean aboutProof() {
        return "invalid_dpop_proof".equals(bearerError) || "use_dpop_nonce".equals(bearerError);
    }

    /** Whether the response carries a {@code WWW-Authenticate} challenge (RFC 6750 §3, RFC 9449 §7.1). */
    public boolean challenges() {
        return status == 401 || (status == 400 || status == 403) && bearerError != null;
    }
}
