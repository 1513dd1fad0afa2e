package io.jwtguard.it;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A server's own log, where JwtGuard's lines must land. Servers write their logs asynchronously, so a line
 * is waited for up to a bound; a hang, not a speed, is what that bound catches.
 */
interface ServerLog {

    Duration WAIT = Duration.ofSeconds(10);

    /** Every line so far. */
    List<String> lines();

    /** Which log is read, for assertion messages. */
    String where();

    /** Whether a line matching {@code wanted} appears within the bound. */
    default boolean contains(Predicate<String> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        do {
            if (lines().stream().anyMatch(wanted)) {
                return true;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return false;
    }
}
