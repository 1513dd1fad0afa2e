package io.jwtguard.internal.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.internal.diagnostics.Failure;
import org.junit.jupiter.api.Test;

/** What a decision means to the stage that acts on it, read without a switch. */
class AccessDecisionTest {

    private static final Failure EXPIRED = Failure.of(Reason.TOKEN_EXPIRED, "token expired");
    private static final Failure NO_ROLE = Failure.of(Reason.INSUFFICIENT_ROLE, "no role");

    @Test
    void anAuthenticatedAllowGoesOnWithThePrincipalAndNothingIgnored() {
        AccessDecision decision = new AccessDecision(AccessDecision.Kind.ALLOW_AUTHENTICATED, null);

        assertThat(decision.allows()).isTrue();
        assertThat(decision.principalVisible()).isTrue();
        assertThat(decision.ignoredFailure()).isEmpty();
    }

    @Test
    void anAnonymousAllowGoesOnWithoutAPrincipalAndNamesTheTokenItIgnored() {
        AccessDecision stale = new AccessDecision(AccessDecision.Kind.ALLOW_ANONYMOUS, EXPIRED);
        AccessDecision noToken = new AccessDecision(AccessDecision.Kind.ALLOW_ANONYMOUS, null);

        assertThat(stale.allows()).isTrue();
        assertThat(stale.principalVisible()).isFalse();
        assertThat(stale.ignoredFailure()).contains(EXPIRED);
        assertThat(noToken.allows()).isTrue();
        assertThat(noToken.ignoredFailure()).isEmpty();
    }

    @Test
    void aRefusalNeitherAllowsNorCountsItsFailureAsIgnored() {
        AccessDecision refused = new AccessDecision(AccessDecision.Kind.REFUSE, NO_ROLE);

        assertThat(refused.allows()).isFalse();
        assertThat(refused.principalVisible()).isFalse();
        assertThat(refused.ignoredFailure()).isEmpty();
        assertThat(refused.failure()).isEqualTo(NO_ROLE);
    }
}
