package io.jwtguard.internal.authn;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/** Caffeine's notion of now, from the injected clock: entries expire as tests move time, never by sleeping. */
public record ClockTicker(Clock clock) implements Ticker {

    @Override
    public long read() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
