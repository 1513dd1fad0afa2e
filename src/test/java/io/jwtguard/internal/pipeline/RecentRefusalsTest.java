package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentRefusalsTest {

    @Test
    void keepsOnlyTheNewestUpToItsCapacityNewestFirst() {
        RecentRefusals recent = RecentRefusals.keeping(3, java.time.Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC));

        for (int i = 1; i <= 5; i++) {
            recent.add("GET", "/api/" + i, Reason.MISSING_TOKEN, "id-" + i, null);
        }

        assertThat(recent.latest()).extracting(RecentRefusals.Entry::correlationId).containsExactly("id-5", "id-4", "id-3");
        assertThat(recent.latest().get(0).status()).isEqualTo(401);
        assertThat(recent.latest().get(0).step()).isEqualTo("authentication");
    }

    @Test
    void theDefaultCapacityIsAHundred() {
        RecentRefusals recent = RecentRefusals.keeping(RecentRefusals.CAPACITY, java.time.Clock.systemUTC());

        for (int i = 0; i < 250; i++) {
            recent.add("GET", "/", Reason.INSUFFICIENT_ROLE, "id-" + i, null);
        }

        assertThat(recent.latest()).hasSize(100);
        assertThat(recent.latest().get(0).step()).isEqualTo("roles or policy");
    }

    @Test
    void productionKeepsNothing() {
        RecentRefusals none = RecentRefusals.none();

        none.add("GET", "/", Reason.TOKEN_EXPIRED, "id", null);

        assertThat(none.latest()).isEmpty();
    }
}
