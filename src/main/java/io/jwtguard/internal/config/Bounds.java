package io.jwtguard.internal.config;


/**
 * The range a numeric or duration {@link Setting} must fall in, declared once beside its key and
 * default; problem messages are built from it, so they cannot drift from what the loader checks.
 * Immutable.
 *
 * @param duration whether the values are durations (in milliseconds) or whole numbers
 * @param min the smallest value accepted, or the largest refused when {@code minExclusive}
 * @param minExclusive whether {@code min} itself is refused
 * @param max the largest value accepted, {@link #UNBOUNDED} for none
 */
record Bounds(boolean duration, long min, boolean minExclusive, long max) {

    static final long UNBOUNDED = Long.MAX_VALUE;

    /** Whole numbers from {@code min} to {@code max}, both included. */
    static Bounds number(long min, long max) {
        return new Bounds(false, min, false, max);
    }

    /** Durations from {@code min} to {@code max} (null: no upper bound), both included. */
    static Bounds duration(String min, String max) {
        return new Bounds(true, millis(min), false, max == null ? UNBOUNDED : millis(max));
    }

    /** Durations longer than zero, up to {@code max} (null: no upper bound). */
    static Bounds positive(String max) {
        return new Bounds(true, 0, true, max == null ? UNBOUNDED : millis(max));
    }

    boolean tooSmall(long value) {
        return minExclusive ? value <= min : value < min;
    }

    boolean tooLarge(long value) {
        return max != UNBOUNDED && value > max;
    }

    /** "0s to 5m", "more than 0s and at most 1m", "at least 1s", "256 to 65536". */
    String describe() {
        String low = minExclusive ? "more than " + format(min) : format(min);
        if (max == UNBOUNDED) {
            return minExclusive ? low : "at least " + low;
        }
        return minExclusive ? low + " and at most " + format(max) : low + " to " + format(max);
    }

    String format(long value) {
        if (!duration) {
            return Long.toString(value);
        }
        if (value != 0 && value % 3_600_000 == 0) {
            return value / 3_600_000 + "h";
        }
        if (value != 0 && value % 60_000 == 0) {
            return value / 60_000 + "m";
        }
        return value % 1000 == 0 ? value / 1000 + "s" : value + "ms";
    }

    private static long millis(String text) {
        return Durations.parse(text).toMillis();
    }

}
