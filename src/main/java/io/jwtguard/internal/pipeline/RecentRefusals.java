package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Check;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The latest refusals, for the development console: at most {@link #capacity} kept in memory, the oldest dropped
 * first. Each holds what the log line holds, never more: the path without its query and path parameter values,
 * the reason code and the correlation id, never a token. With production diagnostics nothing is kept at all
 * ({@link #none()}). Thread-safe: guarded by {@code this}, held only to add or copy.
 */
final class RecentRefusals {

    static final int CAPACITY = 100;

    /**
     * One refusal as the console shows it.
     *
     * @param step where the filter stopped: the authenticator's failed check, or the stage that refused
     */
    record Entry(Instant time, String method, String path, int status, String reason, String correlationId,
            String step) {
    }

    private final int capacity;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    private RecentRefusals(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    static RecentRefusals keeping(int capacity, Clock clock) {
        return new RecentRefusals(capacity, clock);
    }

    /** Keeps nothing: production diagnostics. */
    static RecentRefusals none() {
        return new RecentRefusals(0, Clock.systemUTC());
    }

    void add(String method, String path, Reason reason, String correlationId, AuthenticationResult authentication) {
        if (capacity == 0) {
            return;
        }
        Entry entry = new Entry(clock.instant(), method, path, reason.status(), reason.code(), correlationId,
                step(reason, authentication));
        synchronized (this) {
            if (entries.size() == capacity) {
                entries.removeLast();
            }
            entries.addFirst(entry);
        }
    }

    /** Newest first. */
    synchronized List<Entry> latest() {
        return List.copyOf(entries);
    }

    /** The authenticator's failed check when it recorded one, else the stage this reason comes from. */
    static String step(Reason reason, AuthenticationResult authentication) {
        if (authentication != null && authentication.kind() == AuthenticationResult.Kind.FAILED
                && authentication.failure().reason() == reason) {
            Check failed = authentication.checks().failed();
            if (failed != null) {
                return (failed.ordinal() + 1) + ". " + failed.label();
            }
        }
        return switch (reason) {
            case MISSING_TOKEN, UNSUPPORTED_SCHEME, MALFORMED_AUTHORIZATION_HEADER, MALFORMED_TOKEN,
                    ALGORITHM_NOT_ALLOWED, INVALID_SIGNATURE, UNKNOWN_KEY_ID, KEY_SOURCE_UNAVAILABLE, TOKEN_EXPIRED,
                    TOKEN_NOT_YET_VALID, ISSUER_MISMATCH, AUDIENCE_MISMATCH, MISSING_REQUIRED_CLAIM -> "authentication";
            case TOKEN_REVOKED, REVOCATION_UNAVAILABLE -> "not signed out";
            case INSUFFICIENT_ROLE, POLICY_FAILED -> "roles or policy";
            case INSUFFICIENT_SCOPE -> "scopes";
            case CORS_ORIGIN_NOT_ALLOWED, CORS_METHOD_NOT_ALLOWED, CORS_HEADER_NOT_ALLOWED, CORS_DISABLED ->
                    "CORS preflight";
            case MCP_REQUEST_UNREADABLE, MCP_REQUEST_TOO_LARGE -> "MCP tool rules";
            case LISTENER_FAILED -> "listener";
            case FILTER_ORDER_WRONG, CONFIGURATION_INVALID -> "configuration";
            case INSUFFICIENT_USER_AUTHENTICATION -> "step-up (acr, auth_time)";
            case ID_TOKEN_PRESENTED -> "authentication";
            case DPOP_PROOF_MISSING, DPOP_PROOF_MALFORMED, DPOP_ALGORITHM_NOT_ALLOWED, DPOP_KEY_INVALID,
                    DPOP_SIGNATURE_INVALID, DPOP_METHOD_MISMATCH, DPOP_URL_MISMATCH, DPOP_PROOF_EXPIRED,
                    DPOP_PROOF_REPLAYED, DPOP_TOKEN_HASH_MISMATCH, DPOP_KEY_MISMATCH, DPOP_NONCE_REQUIRED,
                    DPOP_BOUND_TOKEN_AS_BEARER, DPOP_TOKEN_NOT_BOUND, DPOP_REQUIRED, DPOP_UNAVAILABLE -> "proof of possession (DPoP)";
        };
    }
}
