package io.jwtguard.internal.telemetry;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;

/**
 * The meters' names and tags, written once for Micrometer and OpenTelemetry alike (docs/events-and-metrics.md).
 * Names are dot-separated and lowercase, durations in seconds. Every tag value comes from a fixed set (a reason code,
 * a stage, a result, an issuer's configured name): never a subject, a path or a token. Stateless.
 */
public final class MeterNames {

    /** Decisions: {@link #RESULT}, {@link #REASON}, {@link #STAGE}. */
    public static final String REQUESTS = "jwtguard.requests";
    /** The authentication stage's duration: {@link #RESULT} is {@code success}, {@code failure} or {@code none}. */
    public static final String AUTHENTICATION_DURATION = "jwtguard.authentication.duration";
    /** Key-set fetches per {@link #ISSUER}. */
    public static final String KEYSET_REFRESHES = "jwtguard.keyset.refreshes";
    /** Key-set fetches per {@link #ISSUER} that failed. */
    public static final String KEYSET_REFRESH_FAILURES = "jwtguard.keyset.refresh.failures";
    /** Verified-token cache lookups: {@link #RESULT} is {@code hit} or {@code miss} (Micrometer's cache naming). */
    public static final String TOKEN_CACHE_GETS = "jwtguard.token.cache.gets";
    public static final String TOKEN_CACHE_SIZE = "jwtguard.token.cache.size";
    public static final String REPLICA_SIZE = "jwtguard.revocation.replica.size";
    /** Seconds since the replica's last sync with a shared store. */
    public static final String REPLICA_STALENESS = "jwtguard.revocation.replica.staleness";
    /** Refusal lines the log limiter left out. */
    public static final String LOG_LINES_LEFT_OUT = "jwtguard.log.refusals.suppressed";

    public static final String RESULT = "result";
    public static final String REASON = "reason";
    public static final String STAGE = "stage";
    public static final String ISSUER = "issuer";

    public static final String ALLOWED = "allowed";
    public static final String REFUSED = "refused";
    /** The reason tag of a request let through. */
    public static final String NO_REASON = "none";
    /** The stage a request let through was decided by: its rule allowed it. */
    public static final String ALLOWED_STAGE = "authorization";

    /** The instrumentation scope OpenTelemetry meters and span attributes are reported under. */
    public static final String SCOPE = "io.jwtguard";
    /** Span attributes and the event of a refusal. */
    public static final String SPAN_RESULT = "jwtguard.result";
    public static final String SPAN_REASON = "jwtguard.reason";
    public static final String SPAN_STAGE = "jwtguard.stage";
    public static final String SPAN_REFUSED_EVENT = "jwtguard.refused";

    private MeterNames() {
    }

    /** The stage whose check a refusal is for: {@code cors}, {@code authentication}, {@code authorization}, {@code configuration}. */
    public static String stage(Reason reason) {
        return switch (reason) {
            case CORS_ORIGIN_NOT_ALLOWED, CORS_METHOD_NOT_ALLOWED, CORS_HEADER_NOT_ALLOWED, CORS_DISABLED -> "cors";
            case MISSING_TOKEN, UNSUPPORTED_SCHEME, MALFORMED_AUTHORIZATION_HEADER, MALFORMED_TOKEN, ALGORITHM_NOT_ALLOWED,
                    INVALID_SIGNATURE, UNKNOWN_KEY_ID, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, ISSUER_MISMATCH,
                    AUDIENCE_MISMATCH, MISSING_REQUIRED_CLAIM, TOKEN_REVOKED, KEY_SOURCE_UNAVAILABLE,
                    REVOCATION_UNAVAILABLE, LISTENER_FAILED, ID_TOKEN_PRESENTED -> "authentication";
            // The proof is checked with the token it binds, before any rule.
            case DPOP_PROOF_MISSING, DPOP_PROOF_MALFORMED, DPOP_ALGORITHM_NOT_ALLOWED, DPOP_KEY_INVALID,
                    DPOP_SIGNATURE_INVALID, DPOP_METHOD_MISMATCH, DPOP_URL_MISMATCH, DPOP_PROOF_EXPIRED,
                    DPOP_PROOF_REPLAYED, DPOP_TOKEN_HASH_MISMATCH, DPOP_KEY_MISMATCH, DPOP_NONCE_REQUIRED,
                    DPOP_BOUND_TOKEN_AS_BEARER, DPOP_TOKEN_NOT_BOUND, DPOP_REQUIRED, DPOP_UNAVAILABLE -> "authentication";
            // An MCP request is read to find the tool whose rule applies; a step-up is a rule's demand.
            case INSUFFICIENT_ROLE, POLICY_FAILED, INSUFFICIENT_SCOPE, INSUFFICIENT_USER_AUTHENTICATION,
                    MCP_REQUEST_UNREADABLE, MCP_REQUEST_TOO_LARGE -> "authorization";
            case FILTER_ORDER_WRONG, CONFIGURATION_INVALID -> "configuration";
        };
    }

    /** ASP.NET Core's authentication results: {@code success}, {@code failure}, {@code none} (no credentials). */
    public static String outcome(AuthenticationResult.Kind kind) {
        return switch (kind) {
            case AUTHENTICATED -> "success";
            case FAILED -> "failure";
            case NO_TOKEN -> "none";
        };
    }
}
