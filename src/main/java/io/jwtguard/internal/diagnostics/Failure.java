package io.jwtguard.internal.diagnostics;

import io.jwtguard.Reason;
import io.jwtguard.Refusal;
import java.util.Objects;
import java.util.Optional;

/**
 * One refusal, as the stage that made it describes it: the reason, a description built from a fixed
 * template and the token's own (sanitised) values, the configured expectations that only
 * {@code development} diagnostics may show, and what is known of the token for the log.
 * Immutable and thread-safe.
 *
 * @param reason the reason code
 * @param description safe for production responses: never configured values, never exception text
 * @param expected configured values (issuer, audience, roles) shown only in development; may be empty
 * @param token what may be logged of the token; {@link TokenFacts#NONE} when there was none
 * @param serverDetail the cause of a server fault, for the log line only; may be empty
 * @param scope the OAuth scopes the rule needs, space-separated, for the challenge's {@code scope} (RFC 6750 §3);
 *     empty when the rule names none
 * @param challengeParams other auth-params the challenge carries after the description, already formatted
 *     ({@code acr_values="2 gold", max_age=300} for RFC 9470 §3); may be empty
 * @param dpopNonce the {@code DPoP-Nonce} the answer gives the client to retry with (RFC 9449 §8); may be empty
 */
public record Failure(Reason reason, String description, String expected, TokenFacts token, String serverDetail,
        String scope, String challengeParams, String dpopNonce) implements Refusal {

    public Failure {
        Objects.requireNonNull(reason, "reason");
        description = Text.printable(Objects.requireNonNull(description, "description"));
        expected = expected == null ? "" : Text.printable(expected);
        token = token == null ? TokenFacts.NONE : token;
        serverDetail = serverDetail == null ? "" : Text.printable(serverDetail);
        scope = scope == null ? "" : scope;
        challengeParams = challengeParams == null ? "" : challengeParams;
        dpopNonce = dpopNonce == null ? "" : dpopNonce;
    }

    public Failure(Reason reason, String description, String expected, TokenFacts token, String serverDetail,
            String scope, String challengeParams) {
        this(reason, description, expected, token, serverDetail, scope, challengeParams, "");
    }

    public Failure(Reason reason, String description, String expected, TokenFacts token, String serverDetail,
            String scope) {
        this(reason, description, expected, token, serverDetail, scope, "");
    }

    public Failure(Reason reason, String description, String expected, TokenFacts token, String serverDetail) {
        this(reason, description, expected, token, serverDetail, "");
    }

    public Failure(Reason reason, String description, String expected, TokenFacts token) {
        this(reason, description, expected, token, "");
    }

    /**
     * A server fault whose cause (a key server's URL and error, a discovery document's issuer) goes to the
     * log line only: a client, anonymous or not, learns nothing of the server's network from it.
     */
    public static Failure serverFault(Reason reason, String description, String serverDetail) {
        return new Failure(reason, description, "", TokenFacts.NONE, serverDetail);
    }

    public static Failure of(Reason reason, String description) {
        return new Failure(reason, description, "", TokenFacts.NONE);
    }

    public Failure withToken(TokenFacts facts) {
        return new Failure(reason, description, expected, facts, serverDetail, scope, challengeParams, dpopNonce);
    }

    /**
     * The same refusal, its challenge naming {@code scopes} (scope-tokens of RFC 6749 §3.3, which the rule's
     * start-up check keeps to the allowed characters); none leaves it unchanged.
     */
    public Failure withScope(java.util.Collection<String> scopes) {
        return scopes.isEmpty() ? this
                : new Failure(reason, description, expected, token, serverDetail, String.join(" ", scopes),
                        challengeParams, dpopNonce);
    }

    /** For the log line: the description, and the server-side cause when there is one. */
    public String forLog(boolean withExpected) {
        String shown = describe(withExpected);
        return serverDetail.isEmpty() ? shown : shown + " (server side: " + serverDetail + ")";
    }

    /** The description a client sees: with the expectations appended only in development. */
    public String describe(boolean development) {
        return development && !expected.isEmpty() ? description + "; " + expected : description;
    }

    @Override
    public Optional<String> tokenFingerprint() {
        return nonEmpty(token.fingerprint());
    }

    @Override
    public Optional<String> keyId() {
        return nonEmpty(token.kid());
    }

    @Override
    public Optional<String> issuer() {
        return nonEmpty(token.issuer());
    }

    @Override
    public Optional<String> tokenId() {
        return nonEmpty(token.jwtId());
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
