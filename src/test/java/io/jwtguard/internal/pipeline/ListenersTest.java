package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.JwtGuardListener;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.Refusal;
import io.jwtguard.TokenDecision;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.FakeResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenersTest {

    /** A request nobody reads: the hooks under test only pass it on. */
    private static final HttpServletRequest REQUEST = FakeRequest.get("/api/me");
    private static final HttpServletResponse RESPONSE = new FakeResponse();
    private static final JwtPrincipal ALICE = new JwtPrincipal("alice", Set.of("User"), Map.of());
    private static final Failure EXPIRED = Failure.of(Reason.TOKEN_EXPIRED, "expired");

    private final List<String> calls = new ArrayList<>();

    /** Throws from every hook. */
    private final JwtGuardListener broken = new io.jwtguard.testing.BrokenListener();

    private JwtGuardListener recording(String name, Optional<String> token, TokenDecision decision, boolean handles) {
        return new JwtGuardListener() {
            @Override
            public Optional<String> messageReceived(HttpServletRequest request) {
                calls.add(name + ".messageReceived");
                return token;
            }

            @Override
            public TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
                calls.add(name + ".tokenValidated " + principal.getName());
                return decision;
            }

            @Override
            public void authenticationFailed(HttpServletRequest request, Refusal failure) {
                calls.add(name + ".authenticationFailed " + failure.reason().code());
            }

            @Override
            public boolean challenge(HttpServletRequest request, HttpServletResponse response, Refusal failure) {
                calls.add(name + ".challenge");
                return handles;
            }

            @Override
            public void forbidden(HttpServletRequest request, JwtPrincipal principal, Refusal failure) {
                calls.add(name + ".forbidden " + failure.reason().code());
            }
        };
    }

    @Test
    void theFirstSuppliedTokenWins() {
        Listeners listeners = new Listeners(List.of(broken, recording("a", Optional.empty(), TokenDecision.accept(), false),
                recording("b", Optional.of("token-b"), TokenDecision.accept(), false),
                recording("c", Optional.of("token-c"), TokenDecision.accept(), false)));

        assertThat(listeners.messageReceived(REQUEST)).contains("token-b");
        assertThat(calls).containsExactly("a.messageReceived", "b.messageReceived");
    }

    @Test
    void addedRolesAreUnitedAndTheFirstRejectionWins() {
        Listeners adding = new Listeners(List.of(
                recording("a", Optional.empty(), TokenDecision.addRoles(Set.of("Admin")), false),
                recording("b", Optional.empty(), TokenDecision.addRoles(Set.of("Auditor")), false)));
        Listeners rejecting = new Listeners(List.of(
                recording("a", Optional.empty(), TokenDecision.reject(Reason.TOKEN_EXPIRED, "revoked"), false),
                recording("b", Optional.empty(), TokenDecision.addRoles(Set.of("Admin")), false)));

        assertThat(adding.tokenValidated(REQUEST, ALICE).addedRoles()).containsExactlyInAnyOrder("Admin", "Auditor");
        calls.clear();
        TokenDecision rejected = rejecting.tokenValidated(REQUEST, ALICE);
        assertThat(rejected.reason()).isEqualTo(Reason.TOKEN_EXPIRED);
        assertThat(rejected.description()).isEqualTo("revoked");
        assertThat(calls).doesNotContain("b.tokenValidated alice");
    }

    @Test
    void failureChallengeAndForbiddenReachEveryListener() {
        Listeners listeners = new Listeners(List.of(broken, recording("a", Optional.empty(), TokenDecision.accept(), false),
                recording("b", Optional.empty(), TokenDecision.accept(), true)));

        listeners.authenticationFailed(REQUEST, EXPIRED);
        boolean handled = listeners.challenge(REQUEST, RESPONSE, EXPIRED);
        listeners.forbidden(REQUEST, ALICE, Failure.of(Reason.INSUFFICIENT_ROLE, "no"));

        assertThat(handled).isTrue();
        assertThat(calls).containsExactly("a.authenticationFailed token_expired", "b.authenticationFailed token_expired",
                "a.challenge", "b.challenge", "a.forbidden insufficient_role", "b.forbidden insufficient_role");
    }

    @Test
    void listenersRejectOnlyWithA401Or403Reason() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> TokenDecision.reject(Reason.KEY_SOURCE_UNAVAILABLE, "no"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aListenerThatFailsWhileDecidingStopsTheRequestInsteadOfBeingSkipped() {
        JwtGuardListener failing = new JwtGuardListener() {
            @Override
            public Optional<String> messageReceived(HttpServletRequest request) {
                throw new IllegalStateException("token store down");
            }

            @Override
            public TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
                throw new IllegalStateException("revocation store down");
            }
        };
        JwtGuardListener answeringNull = new JwtGuardListener() {
            @Override
            public TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
                return null;
            }
        };
        Listeners listeners = new Listeners(List.of(failing, recording("a", Optional.of("t"), TokenDecision.accept(), false)));

        assertThatThrownBy(() -> listeners.messageReceived(REQUEST)).isInstanceOf(Listeners.HookFailed.class)
                .hasMessageContaining(".messageReceived threw java.lang.IllegalStateException")
                .hasMessageNotContaining("token store down");
        assertThatThrownBy(() -> listeners.tokenValidated(REQUEST, ALICE)).isInstanceOf(Listeners.HookFailed.class)
                .hasMessageContaining(".tokenValidated threw java.lang.IllegalStateException");
        assertThatThrownBy(() -> new Listeners(List.of(answeringNull)).tokenValidated(REQUEST, ALICE))
                .isInstanceOf(Listeners.HookFailed.class).hasMessageContaining("returned null");
        assertThat(calls).isEmpty();
    }
}
