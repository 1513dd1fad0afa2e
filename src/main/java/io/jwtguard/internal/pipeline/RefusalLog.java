package io.jwtguard.internal.pipeline;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The refusal lines, at most {@value #LINES_PER_SECOND} a second: a flood of bad tokens must not make the
 * log the bottleneck for the callers who are let in. The lines over that are counted and said in one line
 * when the next second's first refusal is logged; the counters (JMX) count every refusal regardless.
 * Lock-free; under races the bound is approximate, never the count of what was left out. Thread-safe.
 */
final class RefusalLog {

    static final int LINES_PER_SECOND = 100;

    private final System.Logger log;
    private final Clock clock;
    private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    /** Every line left out since start, for the meters; {@link #suppressed} is this second's. */
    private final LongAdder leftOut;

    RefusalLog(System.Logger log, Clock clock) {
        this(log, clock, new LongAdder());
    }

    RefusalLog(System.Logger log, Clock clock, LongAdder leftOut) {
        this.log = log;
        this.clock = clock;
        this.leftOut = leftOut;
    }

    void log(Level level, Supplier<String> line) {
        long now = clock.millis() / 1000;
        long current = second.get();
        if (now != current && second.compareAndSet(current, now)) {
            written.set(0);
            long left = suppressed.getAndSet(0);
            if (left > 0) {
                log.log(Level.WARNING, "JwtGuard: " + left + " refusal lines were left out of the log (at most "
                        + LINES_PER_SECOND + " a second are written; the counters count every refusal)");
            }
        }
        if (written.incrementAndGet() <= LINES_PER_SECOND) {
            log.log(level, line);
        } else {
            suppressed.incrementAndGet();
            leftOut.increment();
        }
    }
}
