package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtguard.Reason;
import io.jwtguard.internal.diagnostics.Failure;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponderTest {

    private final Responder responder = new Responder("api", false);

    @Test
    void missingTokenChallengeCarriesNoErrorCode() {
        assertThat(responder.challenge(Reason.MISSING_TOKEN, "x")).isEqualTo("Bearer realm=\"api\"");
    }

    @Test
    void invalidTokenChallengeCarriesErrorAndDescription() {
        assertThat(responder.challenge(Reason.TOKEN_EXPIRED, "the token expired"))
                .isEqualTo("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"the token expired\", reason=\"token_expired\"");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonHasAStatusAndAProblemBodyThatNamesIt(Reason reason) throws IOException {
        JsonNode problem = new ObjectMapper().readTree(Responder.problem(reason, "detail \"quoted\"", "cid"));

        assertThat(problem.path("reason").asText()).isEqualTo(reason.code());
        assertThat(problem.path("status").asInt()).isEqualTo(reason.status()).isBetween(400, 599);
        assertThat(problem.path("type").asText()).isEqualTo("urn:jwtguard:reason:" + reason.code());
        assertThat(problem.path("detail").asText()).isEqualTo("detail \"quoted\"");
        assertThat(problem.path("correlationId").asText()).isEqualTo("cid");
    }

    @Test
    void challengesFollowRfc6750() {
        assertThat(Reason.MALFORMED_AUTHORIZATION_HEADER.bearerError()).isEqualTo("invalid_request");
        assertThat(Reason.INSUFFICIENT_ROLE.bearerError()).isEqualTo("insufficient_scope");
        assertThat(Reason.INSUFFICIENT_ROLE.challenges()).isTrue();
        assertThat(Reason.CORS_ORIGIN_NOT_ALLOWED.challenges()).isFalse();
        assertThat(Reason.KEY_SOURCE_UNAVAILABLE.challenges()).isFalse();
    }

    @Test
    void failureDescriptionsAreMadeHeaderSafe() {
        Failure failure = Failure.of(Reason.ISSUER_MISMATCH, "issuer \"x\\y\"\r\n\u00e9");

        assertThat(failure.description()).isEqualTo("issuer 'x/y'???");
    }
}
