package io.jwtguard.internal.dpop;

import io.jwtguard.internal.diagnostics.Failure;

/**
 * What each of a proof's checks decided, for the doctor, which shows every verdict; requests use {@link #NONE}, which
 * keeps nothing. Not thread-safe: one per check.
 */
public interface ProofTrace {

    ProofTrace NONE = new ProofTrace() {
        @Override
        public void passed(String check) {
        }

        @Override
        public void skipped(String check, String why) {
        }
    };

    void passed(String check);

    /** A check that did not run, and why (the doctor has no store to look a {@code jti} up in). */
    void skipped(String check, String why);

    /** Called with the failure that ends the checks; the default keeps nothing. */
    default void failed(String check, Failure failure) {
    }
}
