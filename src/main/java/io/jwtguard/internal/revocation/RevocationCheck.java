package io.jwtguard.internal.revocation;

import io.jwtguard.Reason;
import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.diagnostics.Failure;

/**
 * The check every authenticated request passes, on this instance's {@link Replica} alone (never a call to the
 * store): a verified caller whose token, session or subject was signed out is refused ({@code token_revoked}); with
 * a shared store's replica stale past {@code max-stale} and {@code on-store-failure=refuse}, every verified caller is
 * ({@code revocation_unavailable}, a server fault). {@code shared} is false for the memory store: its replica is the
 * only copy, so it is never stale. Thread-safe: no state of its own.
 */
record RevocationCheck(Replica replica, ReplicaSync sync, boolean shared, boolean refuseWhenStale) {

    private static final Failure REVOKED_TOKEN = Failure.of(Reason.TOKEN_REVOKED, "the token was revoked (signed out)");
    private static final Failure REVOKED_SESSION = Failure.of(Reason.TOKEN_REVOKED,
            "the token's session was signed out");
    private static final Failure SIGNED_OUT = Failure.of(Reason.TOKEN_REVOKED,
            "the caller signed out everywhere after this token was issued");

    AuthenticationResult check(AuthenticationResult authentication) {
        if (authentication.kind() != AuthenticationResult.Kind.AUTHENTICATED) {
            return authentication;
        }
        Entry revoked = replica.revoking(authentication.ids());
        if (revoked != null) {
            return AuthenticationResult.refusedBy(switch (revoked.kind()) {
                case TOKEN -> REVOKED_TOKEN;
                case SESSION -> REVOKED_SESSION;
                case SUBJECT -> SIGNED_OUT;
            });
        }
        if (shared && sync.stale()) {
            if (refuseWhenStale) {
                return AuthenticationResult.refusedBy(Failure.serverFault(Reason.REVOCATION_UNAVAILABLE,
                        "the server cannot tell whether the token was signed out; this is a server fault, retry later",
                        sync.silentSince()));
            }
            sync.decidedWithoutStore();
        }
        return authentication;
    }
}
