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

    @Test
    void insufficientScopeChallengeNamesEveryScopeTheRuleNeeds() {
        assertThat(responder.challenge(Reason.INSUFFICIENT_SCOPE, "the token lacks the scope b", "a b"))
                .isEqualTo("Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"the token lacks the"
                        + " scope b\", reason=\"insufficient_scope\", scope=\"a b\"");
    }

    @Test
    void withAResourceEveryChallengeNamesItsMetadata() throws IOException {
        Responder withResource = new Responder("api", false,
                "https://api.example.com/.well-known/oauth-protected-resource/mcp");

        assertThat(withResource.challenge(Reason.MISSING_TOKEN, "x")).isEqualTo("Bearer realm=\"api\","
                + " resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/mcp\"");
        assertThat(withResource.challenge(Reason.MISSING_TOKEN, "x", "mcp:tools")).isEqualTo("Bearer realm=\"api\","
                + " scope=\"mcp:tools\", resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/mcp\"");
        assertThat(withResource.challenge(Reason.TOKEN_EXPIRED, "expired")).endsWith(", reason=\"token_expired\","
                + " resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/mcp\"");

        Responder.Answer forbidden = withResource.answer(Failure.of(Reason.INSUFFICIENT_SCOPE, "lacks mcp:tools")
                .withScope(java.util.List.of("mcp:tools")), "cid");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\","
                + " error=\"insufficient_scope\", error_description=\"lacks mcp:tools\", reason=\"insufficient_scope\","
                + " scope=\"mcp:tools\", resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/mcp\"");
    }

    @Test
    void withoutAResourceNoChallengeNamesMetadata() {
        for (Reason reason : Reason.values()) {
            assertThat(responder.challenge(reason, "x", "")).doesNotContain("resource_metadata").doesNotContain("scope=");
        }
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

    /** The same JSON a generator writes for the same fields, in the same order, whatever the detail holds. */
    @ParameterizedTest
    @EnumSource(Reason.class)
    void problemBodyIsWhatAJsonGeneratorWrites(Reason reason) throws IOException {
        for (String detail : new String[] {"", "plain", "quote \" and back\\slash", "tab\tnewline\ncontrol\u0001",
                "caf\u00E9 \u20AC \uD83D\uDE00", "</script><!--"}) {
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory()
                    .createGenerator(expected)) {
                json.writeStartObject();
                json.writeStringField("type", "urn:jwtguard:reason:" + reason.code());
                json.writeStringField("title", reason.title());
                json.writeNumberField("status", reason.status());
                json.writeStringField("detail", detail);
                json.writeStringField("reason", reason.code());
                json.writeStringField("correlationId", "0f8a-\"cid\"");
                json.writeEndObject();
            }

            JsonNode ours = new ObjectMapper().readTree(Responder.problem(reason, detail, "0f8a-\"cid\""));
            JsonNode generated = new ObjectMapper().readTree(expected.toByteArray());

            assertThat(ours).as(detail).isEqualTo(generated);
            assertThat(ours.fieldNames()).toIterable().containsExactly("type", "title", "status", "detail", "reason",
                    "correlationId");
        }
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
