package io.jwtguard.internal.telemetry;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;

/**
 * One optional integration, told of each decision as it is made. Every method runs on the request thread, so an
 * implementation finds what it records in what it built at start (one counter per reason, never a lookup by
 * tags), and allocates nothing it can avoid. Thread-safe.
 */
public interface Exporter {

    /** No integration: nothing recorded, and the authentication stage is not timed. */
    Exporter NONE = new Exporter() {
        @Override
        public boolean timesAuthentication() {
            return false;
        }

        @Override
        public void authenticated(AuthenticationResult.Kind outcome, long nanos) {
        }

        @Override
        public void allowed() {
        }

        @Override
        public void refused(Reason reason) {
        }

        @Override
        public void close() {
        }
    };

    /** Whether {@link #authenticated} wants the stage's duration (so the clock is read only then). */
    boolean timesAuthentication();

    /** The authentication stage decided {@code outcome} in {@code nanos}. */
    void authenticated(AuthenticationResult.Kind outcome, long nanos);

    /** A request was let through to the application. */
    void allowed();

    /** A request was refused for {@code reason}. */
    void refused(Reason reason);

    /** Stops reporting: the meters that read JwtGuard's state are removed, so a stopped application is not held. */
    void close();
}
