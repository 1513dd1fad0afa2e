package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.internal.authn.AuthenticationResult;
import io.jwtguard.internal.authn.Authenticator;
import io.jwtguard.internal.authz.AccessDecision;
import io.jwtguard.internal.authz.Authorizer;
import io.jwtguard.internal.authz.Policies;
import io.jwtguard.internal.authz.Rule;
import io.jwtguard.internal.authz.StepUp;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The RFC 9470 §3 challenge, written by the one responder, exactly. */
class StepUpChallengeTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Responder responder = new Responder("api", false);

    private static Failure refusal(StepUp stepUp, String token) {
        AuthenticationResult caller = new Authenticator(TestSettings.hmac(), CLOCK).authenticate(
                List.of("Bearer " + token), null);
        Authorizer authorizer = new Authorizer(Policies.load(Map.of(), StepUpChallengeTest.class.getClassLoader(),
                new Problems()), CLOCK, Duration.ofSeconds(60));
        AccessDecision decision = authorizer.decide(Rule.restricted(Set.of(), "", "test").withStepUp(stepUp), caller);
        assertThat(decision.allows()).isFalse();
        return decision.failure();
    }

    @Test
    void aWeakSignInIsAnsweredWithAcrValuesAndMaxAge() throws IOException {
        Failure failure = refusal(new StepUp(List.of("2", "gold"), 300),
                Tokens.valid(NOW).withClaim("acr", "1").sign(Tokens.hs256()));

        Responder.Answer answer = responder.answer(failure, "cid");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\","
                + " error=\"insufficient_user_authentication\", error_description=\"the token's acr '1' is not an"
                + " authentication class this endpoint accepts (acr_values [2, gold]); sign in again with one of them\","
                + " acr_values=\"2 gold\", max_age=300, reason=\"insufficient_user_authentication\"");
        assertThat(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"reason\":\"insufficient_user_authentication\"", "\"status\":401");
    }

    @Test
    void anOldSignInIsAnsweredWithMaxAgeAlone() throws IOException {
        Failure failure = refusal(new StepUp(List.of(), 0),
                Tokens.valid(NOW).withClaim("auth_time", NOW.minusSeconds(61).getEpochSecond()).sign(Tokens.hs256()));

        assertThat(responder.answer(failure, "cid").headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\","
                + " error=\"insufficient_user_authentication\", error_description=\"the user signed in at"
                + " 2026-11-28T09:58:59Z (auth_time), longer ago than the 0s this endpoint allows (max_age), server time"
                + " 2026-11-28T10:00:00Z, allowed skew 60s; sign in again\", max_age=0,"
                + " reason=\"insufficient_user_authentication\"");
    }

    @Test
    void otherRefusalsKeepTheirChallenge() {
        assertThat(responder.challenge(Reason.TOKEN_EXPIRED, "the token expired", "", "")).isEqualTo(
                responder.challenge(Reason.TOKEN_EXPIRED, "the token expired"));
        assertThat(responder.challenge(Reason.MISSING_TOKEN, "x", "", "max_age=5")).isEqualTo("Bearer realm=\"api\"");
    }

    @Test
    void theStepUpParamsComeBeforeTheReasonAndTheScopeAndMetadataAfter() {
        Responder withMetadata = new Responder("api", false, "https://api.test/.well-known/oauth-protected-resource");

        assertThat(withMetadata.challenge(Reason.INSUFFICIENT_USER_AUTHENTICATION, "d", "orders:write",
                "acr_values=\"2\", max_age=0")).isEqualTo("Bearer realm=\"api\","
                + " error=\"insufficient_user_authentication\", error_description=\"d\", acr_values=\"2\", max_age=0,"
                + " reason=\"insufficient_user_authentication\", scope=\"orders:write\","
                + " resource_metadata=\"https://api.test/.well-known/oauth-protected-resource\"");
    }

    @Test
    void anIdTokenIsAnInvalidToken() {
        assertThat(responder.challenge(Reason.ID_TOKEN_PRESENTED, "the token is an OpenID Connect ID token"))
                .isEqualTo("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"the token is an OpenID"
                        + " Connect ID token\", reason=\"id_token_presented\"");
    }
}
