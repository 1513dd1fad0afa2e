package io.jwtguard.internal.revocation;

import io.jwtguard.Reason;
import io.jwtguard.RevocationStore.Entry;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.diagnostics.Failure;

/**
 * The check every authenticated request passes, on this instance's {@link Replica} alone (never a call to the
 * store): a verified caller whose token, session or subject was signed out is refused ({@code token_revoked}); with
 * a shared store's replica stale past {@code max-stale} and {@code on-store-failure=refuse}, every verified caller is
 * ({@code revocation_unavailable}, a server fault). Thread-safe: no state of its own.
 */
final class RevocationCheck {

    private static final Failure REVOKED_TOKEN = Failure.of(Reason.TOKEN_REVOKED, "the token was revoked (signed out)");
    private static final Failure REVOKED_SESSION = Failure.of(Reason.TOKEN_REVOKED,
            "the token's session was signed out");
    private static final Failure SIGNED_OUT = Failure.of(Reason.TOKEN_REVOKED,
            "the caller signed out everywhere after this token was issued");

    private final Replica replica;
    private final ReplicaSync sync;
    /** False for the memory store: its replica is the only copy, so it is never stale. */
    private final boolean shared;
    private final boolean refuseWhenStale;

    RevocationCheck(Replica replica, ReplicaSync sync, boolean shared, boolean refuseWhenStale) {
        this.replica = replica;
        this.sync = sync;
        this.shared = shared;
        this.refuseWhenStale = refuseWhenStale;
    }

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
