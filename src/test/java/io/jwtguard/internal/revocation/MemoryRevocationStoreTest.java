package io.jwtguard.internal.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The memory store's used proofs: once each, until their expiry, and never more than its limit. */
class MemoryRevocationStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    @Test
    void aKeyIsRecordedOnceUntilItsExpiry() throws IOException {
        MemoryRevocationStore store = new MemoryRevocationStore(clock);
        Instant until = clock.instant().plusSeconds(120);
        assertThat(store.recordOnce("a", until)).isTrue();
        assertThat(store.recordOnce("a", until)).isFalse();
        clock.advance(Duration.ofSeconds(121));
        assertThat(store.recordedCount()).isZero();
        assertThat(store.recordOnce("a", clock.instant().plusSeconds(120))).isTrue();
    }

    @Test
    void aFullStoreRefusesRatherThanForgetsAndTakesMoreOnceOldEntriesExpire() throws IOException {
        MemoryRevocationStore store = new MemoryRevocationStore(clock, 3);
        for (String key : new String[] {"a", "b", "c"}) {
            assertThat(store.recordOnce(key, clock.instant().plusSeconds(60))).isTrue();
        }
        assertThatThrownBy(() -> store.recordOnce("d", clock.instant().plusSeconds(60)))
                .isInstanceOf(IOException.class).hasMessageContaining("its limit");
        assertThat(store.recordOnce("a", clock.instant().plusSeconds(60))).as("still remembered").isFalse();
        clock.advance(Duration.ofSeconds(61));
        assertThat(store.recordOnce("d", clock.instant().plusSeconds(60))).isTrue();
    }

    @Test
    void theFirstSharedValueStays() {
        MemoryRevocationStore store = new MemoryRevocationStore(clock);
        assertThat(store.shared("k", "first")).isEqualTo("first");
        assertThat(store.shared("k", "second")).isEqualTo("first");
    }
}
