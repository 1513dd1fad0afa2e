package io.jwtguard.internal.diagnostics;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id that ties a refusal's answer to its log line: a random (version 4 form) UUID from the thread's own
 * generator, so a flood of refusals never queues on one shared {@code SecureRandom}. It identifies, it
 * protects nothing, so it need not be unpredictable. Stateless.
 */
public final class CorrelationId {

    private CorrelationId() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & 0xffffffffffff0fffL | 0x0000000000004000L;
        long low = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
