package io.jwtguard.internal.authn;

/**
 * Which {@link Check}s one authentication ran: those that passed, the one that failed (if any), and by
 * implication those never reached. Recorded by the code that ran them, never inferred from a reason
 * code, so a tool that prints them says only what happened. Immutable.
 */
public record Checks(int passedBits, Check failed) {

    /** Every check passed (a verified token). */
    static final Checks ALL_PASSED = new Checks(allBits(), null);

    public enum Status { PASSED, FAILED, NOT_REACHED }

    public Status status(Check check) {
        if (check == failed) {
            return Status.FAILED;
        }
        return (passedBits & check.bit()) != 0 ? Status.PASSED : Status.NOT_REACHED;
    }

    /** {@code passed} plus the checks java-jwt runs before {@code failedThere}, failing there. */
    static Checks failedInVerifier(int passed, Check failedThere) {
        int bits = passed;
        for (Check check : Check.VERIFIER_ORDER) {
            if (check == failedThere) {
                break;
            }
            bits |= check.bit();
        }
        return new Checks(bits & ~failedThere.bit(), failedThere);
    }

    private static int allBits() {
        int bits = 0;
        for (Check check : Check.values()) {
            bits |= check.bit();
        }
        return bits;
    }
}
