package io.jwtguard.internal.authn;

import com.auth0.jwt.JWTVerifier;
import io.jwtguard.internal.diagnostics.Failure;
import java.util.Objects;

/**
 * A key source's answer for one token: the verifier to check it with, or why there is none: an unknown
 * {@code kid} (the client's problem, 401) or keys that cannot be had right now (the server's, 503). Immutable.
 */
record KeyResult(JWTVerifier verifier, Failure failure) {

    static KeyResult found(JWTVerifier verifier) {
        return new KeyResult(Objects.requireNonNull(verifier), null);
    }

    static KeyResult refused(Failure failure) {
        return new KeyResult(null, Objects.requireNonNull(failure));
    }
}
