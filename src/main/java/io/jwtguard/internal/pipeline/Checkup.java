package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Check;
import io.jwtguard.internal.diagnostics.Failure;
import java.util.ArrayList;
import java.util.List;

/**
 * The token checklist the CLI's {@code doctor} prints and the development console shows: one step per
 * {@link Check}, as the authenticator itself recorded it (never inferred from a reason code), each with the
 * concrete fix when it failed. Written once so the two cannot drift. Stateless.
 */
public final class Checkup {

    /** Where a step stands. */
    public enum Verdict { PASS, FAIL, SKIP }

    /**
     * One line of the checklist.
     *
     * @param detail what follows the label ({@code reason_code: description}, or why it was skipped); may be empty
     * @param why what the server log says beside a failure (a likely key mix-up, a key server's error); may be empty
     * @param fix the concrete fix of a failure; empty otherwise
     */
    public record Step(int number, String label, Verdict verdict, String detail, String why, String fix) {
    }

    private Checkup() {
    }

    /** The authentication steps of {@code result}, in the order the filter makes them. */
    public static List<Step> authentication(AuthenticationResult result) {
        List<Step> steps = new ArrayList<>();
        for (Check check : Check.values()) {
            int number = check.ordinal() + 1;
            steps.add(switch (result.checks().status(check)) {
                case PASSED -> new Step(number, check.label(), Verdict.PASS, "", "", "");
                case FAILED -> failed(number, check.label(), result.failure());
                case NOT_REACHED -> new Step(number, check.label(), Verdict.SKIP,
                        "not reached: the filter stops at the first failure", "", "");
            });
        }
        return List.copyOf(steps);
    }

    /** A failed step: the reason code and description, the server's side of it, the fix. */
    public static Step failed(int number, String label, Failure failure) {
        return new Step(number, label, Verdict.FAIL, failure.reason().code() + ": " + failure.describe(true),
                failure.serverDetail(), fix(failure.reason()));
    }

    /** Accepts a pasted {@code Authorization} header line, its value, or the bare token: the header value. */
    public static String headerValue(String pasted) {
        String trimmed = pasted.strip();
        if (trimmed.regionMatches(true, 0, "Authorization:", 0, "Authorization:".length())) {
            return trimmed.substring("Authorization:".length()).strip();
        }
        return trimmed;
    }

    /** The concrete fix for each failure; a new reason does not compile until it has one. */
    public static String fix(Reason reason) {
        return switch (reason) {
            case MISSING_TOKEN -> "send 'Authorization: Bearer <token>' (check the client and any proxy that strips it)";
            case UNSUPPORTED_SCHEME -> "use the Bearer scheme: 'Authorization: Bearer <token>'";
            case MALFORMED_AUTHORIZATION_HEADER -> "one header, 'Bearer', one or more spaces, the token, nothing after it";
            case MALFORMED_TOKEN -> "send the access token itself: three base64url parts separated by dots, of the accepted typ";
            case ALGORITHM_NOT_ALLOWED -> "sign with an algorithm in jwtguard.algorithms, or add the issuer's algorithm there";
            case INVALID_SIGNATURE -> "sign with the key the API verifies with: the same jwtguard.key (same encoding),"
                    + " or the private key of jwtguard.key.location";
            case UNKNOWN_KEY_ID -> "the issuer's key set has no such kid: check jwtguard.jwks.url / jwtguard.authority"
                    + " points at the issuer that signed it";
            case KEY_SOURCE_UNAVAILABLE -> "the key server cannot be reached: check the URL, the network and TLS from this server";
            case TOKEN_EXPIRED -> "get a fresh token; if it should still be valid, synchronise the clocks (NTP), issue tokens in UTC";
            case TOKEN_NOT_YET_VALID -> "the issuer's clock is ahead of this server's: synchronise the clocks (NTP)";
            case ISSUER_MISMATCH -> "make the token's iss and jwtguard.issuer identical (scheme, host, path, trailing slash)";
            case AUDIENCE_MISMATCH -> "request the token for this API's audience, or add it to jwtguard.audience";
            case MISSING_REQUIRED_CLAIM -> "the issuer must put exp and sub in the token";
            case TOKEN_REVOKED -> "the token, its session or its subject was signed out: log in again for a new token";
            case REVOCATION_UNAVAILABLE -> "the revocation store (jwtguard.revocation.*) cannot be reached: check Redis"
                    + " and the network from this server";
            case INSUFFICIENT_ROLE -> "give the user one of the roles, or check jwtguard.roles.claim points at where the roles are";
            case POLICY_FAILED -> "the caller's claims do not satisfy the policy; compare them with jwtguard.policy.<Name>.*";
            case INSUFFICIENT_SCOPE -> "request a token with every scope the challenge's scope names (the client asks the"
                    + " authorization server for them), or check the issuer puts them in 'scope' or 'scp'";
            case CORS_ORIGIN_NOT_ALLOWED, CORS_METHOD_NOT_ALLOWED, CORS_HEADER_NOT_ALLOWED ->
                    "a browser preflight was refused: see jwtguard.cors.*";
            case CORS_DISABLED -> "a browser preflight arrived while CORS is off: list the origin in jwtguard.cors.allowed-origins";
            case MCP_REQUEST_UNREADABLE -> "send one JSON-RPC message or a batch of them, each member named once, each"
                    + " tools/call with params.name";
            case MCP_REQUEST_TOO_LARGE -> "send a smaller MCP request, or raise jwtguard.mcp.max-body";
            case FILTER_ORDER_WRONG -> "map JwtGuard's filters in the order CORS, authentication, authorization";
            case LISTENER_FAILED -> "a JwtGuardListener threw: see the server log line for its class and fix it";
            case CONFIGURATION_INVALID -> "JwtGuard could not start: the server log lists every configuration problem";
            case INSUFFICIENT_USER_AUTHENTICATION -> "have the user sign in again, asking the authorization server for the"
                    + " challenge's acr_values and max_age (RFC 9470), and send the new access token";
            case ID_TOKEN_PRESENTED -> "send the access token from the token response (access_token), not the ID token"
                    + " (id_token): the ID token tells the client who signed in, the access token is for APIs";
            case DPOP_PROOF_MISSING -> "send one 'DPoP: <proof>' header with 'Authorization: DPoP <token>'";
            case DPOP_PROOF_MALFORMED -> "make the proof a JWT with typ dpop+jwt, a jwk header and the jti, htm, htu"
                    + " and iat claims (RFC 9449 section 4.2); use a DPoP client library";
            case DPOP_ALGORITHM_NOT_ALLOWED -> "sign proofs with an asymmetric algorithm in jwtguard.dpop.algorithms";
            case DPOP_KEY_INVALID -> "put the public key in the proof's jwk header, never its private parts";
            case DPOP_SIGNATURE_INVALID -> "sign the proof with the private key of the jwk it carries";
            case DPOP_METHOD_MISMATCH -> "make a proof per request, its htm the request's method";
            case DPOP_URL_MISMATCH -> "make a proof per request, its htu the URL the client calls; behind a proxy list it"
                    + " in jwtguard.trusted-proxies so the forwarded URL counts (the log names both URLs)";
            case DPOP_PROOF_EXPIRED -> "make a fresh proof for each request; if it was fresh, synchronise the clocks (NTP)";
            case DPOP_PROOF_REPLAYED -> "make a fresh proof, with a new jti, for each request (a retry too)";
            case DPOP_TOKEN_HASH_MISMATCH -> "set the proof's ath to the base64url SHA-256 of the access token sent with it";
            case DPOP_KEY_MISMATCH -> "sign the proof with the key the token was issued for (its cnf.jkt thumbprint)";
            case DPOP_NONCE_REQUIRED -> "retry with a proof whose nonce is the DPoP-Nonce header of this answer";
            case DPOP_BOUND_TOKEN_AS_BEARER -> "send a DPoP-bound token as 'Authorization: DPoP <token>' with its proof";
            case DPOP_TOKEN_NOT_BOUND -> "send this token as 'Authorization: Bearer <token>', or get a DPoP-bound token";
            case DPOP_REQUIRED -> "get a DPoP-bound token and send it as 'Authorization: DPoP <token>' with a proof";
            case DPOP_UNAVAILABLE -> "the store of used proofs (jwtguard.revocation.*) cannot be reached: check Redis"
                    + " and the network from this server";
        };
    }
}
