package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.internal.diagnostics.CorrelationId;
import io.jwtguard.testing.MutableClock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    /** Keeps what is logged. */
    private static final class Lines implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(level + " " + message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void aFloodIsLoggedAtMostAHundredLinesASecondAndWhatWasLeftOutIsCounted() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        Lines logger = new Lines();
        RefusalLog log = new RefusalLog(logger, clock);

        for (int i = 0; i < 250; i++) {
            int number = i;
            log.log(Level.INFO, () -> "refused " + number);
        }
        assertThat(logger.lines).hasSize(RefusalLog.LINES_PER_SECOND).last().isEqualTo("INFO refused 99");

        clock.advance(Duration.ofSeconds(1));
        log.log(Level.INFO, () -> "refused again");

        assertThat(logger.lines.subList(100, 102)).containsExactly(
                "WARNING JwtGuard: 150 refusal lines were left out of the log (at most 100 a second are written;"
                        + " the counters count every refusal)",
                "INFO refused again");
    }

    @Test
    void everyLineLeftOutIsCountedForTheMetersAcrossSeconds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        java.util.concurrent.atomic.LongAdder leftOut = new java.util.concurrent.atomic.LongAdder();
        RefusalLog log = new RefusalLog(new Lines(), clock, leftOut);

        for (int i = 0; i < 130; i++) {
            log.log(Level.INFO, () -> "refused");
        }
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 105; i++) {
            log.log(Level.INFO, () -> "refused");
        }

        assertThat(leftOut.sum()).isEqualTo(30 + 5);
    }

    @Test
    void correlationIdsAreDistinctVersion4Uuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = CorrelationId.next();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
