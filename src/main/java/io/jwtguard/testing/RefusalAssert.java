package io.jwtguard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtguard.Reason;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Assertions on a JwtGuard refusal as the client sees it: the status, the RFC 9457 problem body's {@code reason}
 * member and the RFC 6750 {@code WWW-Authenticate} challenge. Each check throws an {@link AssertionError} that shows
 * what the response held, so a failing test says why without a debugger:
 *
 * <pre>{@code
 * RefusalAssert.assertRefused(response).reason(Reason.TOKEN_EXPIRED).challengeContains("invalid_token");
 * }</pre>
 *
 * <p>Needs no test framework. Immutable: each check reads the response it was given.
 */
public final class RefusalAssert {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";

    private final HttpResponse<String> response;
    private final JsonNode problem;

    private RefusalAssert(HttpResponse<String> response, JsonNode problem) {
        this.response = response;
        this.problem = problem;
    }

    /**
     * Checks that {@code response} is a refusal: a 4xx or 5xx status with a problem+json body that carries a
     * {@code reason}.
     *
     * @param response the response of the request JwtGuard should have refused
     * @return the assertions on that refusal
     * @throws AssertionError when the response is no JwtGuard refusal
     */
    public static RefusalAssert assertRefused(HttpResponse<String> response) {
        if (response == null) {
            throw new AssertionError("expected a refusal, but there is no response");
        }
        if (response.statusCode() < 400) {
            throw new AssertionError("expected a refusal, but the request was answered " + response.statusCode()
                    + describe(response));
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith(PROBLEM_JSON)) {
            throw new AssertionError("expected a JwtGuard refusal (" + PROBLEM_JSON + "), but Content-Type is '" + type
                    + "'" + describe(response));
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body() == null ? "" : response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("expected a problem+json body, but it is not JSON" + describe(response));
        }
        if (problem == null || !problem.path("reason").isTextual()) {
            throw new AssertionError("expected a problem body with a 'reason' member" + describe(response));
        }
        return new RefusalAssert(response, problem);
    }

    /**
     * Checks the HTTP status.
     *
     * @param expected 401, 403, 400, 503...
     * @return this, for the next check
     */
    public RefusalAssert status(int expected) {
        if (response.statusCode() != expected) {
            throw failure("expected status " + expected + ", but it is " + response.statusCode());
        }
        return this;
    }

    /**
     * Checks the problem body's {@code reason} member (docs/reasons.md lists them).
     *
     * @param expected the reason code, e.g. {@code token_expired}
     * @return this, for the next check
     */
    public RefusalAssert reason(String expected) {
        if (!expected.equals(reasonCode())) {
            throw failure("expected reason '" + expected + "', but it is '" + reasonCode() + "'");
        }
        return this;
    }

    /**
     * Checks the reason, its status and, for a reason that challenges, its RFC 6750 error in the challenge.
     *
     * @param expected the reason
     * @return this, for the next check
     */
    public RefusalAssert reason(Reason expected) {
        reason(expected.code());
        status(expected.status());
        if (expected.bearerError() != null) {
            bearerError(expected.bearerError());
        }
        return this;
    }

    /**
     * Checks that the {@code WWW-Authenticate} challenge contains {@code text}.
     *
     * @param text e.g. {@code invalid_token} or {@code realm="api"}
     * @return this, for the next check
     */
    public RefusalAssert challengeContains(String text) {
        Optional<String> challenge = challenge();
        if (challenge.isEmpty() || !challenge.get().contains(text)) {
            throw failure("expected a WWW-Authenticate challenge containing '" + text + "'");
        }
        return this;
    }

    /**
     * Checks the challenge's RFC 6750 §3.1 {@code error} attribute.
     *
     * @param error {@code invalid_token}, {@code insufficient_scope} or {@code invalid_request}
     * @return this, for the next check
     */
    public RefusalAssert bearerError(String error) {
        return challengeContains("error=\"" + error + "\"");
    }

    /**
     * Checks that there is no {@code WWW-Authenticate} challenge (a 503, or a refused preflight).
     *
     * @return this, for the next check
     */
    public RefusalAssert noChallenge() {
        if (challenge().isPresent()) {
            throw failure("expected no WWW-Authenticate challenge");
        }
        return this;
    }

    /**
     * Checks that the problem's {@code detail} contains {@code text}.
     *
     * @param text part of the description, e.g. a claim's value
     * @return this, for the next check
     */
    public RefusalAssert detailContains(String text) {
        if (!problem.path("detail").asText("").contains(text)) {
            throw failure("expected the detail to contain '" + text + "'");
        }
        return this;
    }

    /** The problem body's {@code reason} member. */
    public String reasonCode() {
        return problem.path("reason").asText();
    }

    private Optional<String> challenge() {
        return response.headers().firstValue("WWW-Authenticate");
    }

    private AssertionError failure(String message) {
        return new AssertionError(message + describe(response));
    }

    private static String describe(HttpResponse<String> response) {
        return System.lineSeparator() + "  status: " + response.statusCode() + System.lineSeparator()
                + "  WWW-Authenticate: " + response.headers().firstValue("WWW-Authenticate").orElse("(none)")
                + System.lineSeparator() + "  body: " + response.body();
    }
}
