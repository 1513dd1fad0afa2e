package io.jwtguard.internal.authn;

import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.Reason;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SignatureAlgorithm;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every refusal of a token, each a reason code and a fixed description template filled with the token's own
 * (shortened) values and the server clock, never with exception text (RFC 6750 §3.1 {@code error_description}).
 * Configured values (issuers, audiences, algorithms) go only to the failure's {@code expected} part, which only
 * development shows. The failures carry no token facts: the caller adds them. Thread-safe.
 *
 * @param settings for the clock skew, and whether development diagnostics are on
 */
record TokenRefusals(TrustedIssuers trusted, Settings settings, Clock clock) {

    /** A refusal for a claim java-jwt named, and the check it failed at. */
    record ClaimRefusal(Failure failure, Check at) {
    }

    static Failure tooLong(int length, int maxLength) {
        return Failure.of(Reason.MALFORMED_TOKEN, "the token is " + length + " characters, over the " + maxLength
                + " accepted");
    }

    static Failure notAJwt() {
        return Failure.of(Reason.MALFORMED_TOKEN, "the token is not a JWT: it needs three base64url parts"
                + " with a JSON header and a JSON payload");
    }

    /** Anything else a hostile token tripped inside a parser. */
    static Failure unreadable() {
        return Failure.of(Reason.MALFORMED_TOKEN, "the token could not be read as a signed JWT");
    }

    static Failure criticalHeader() {
        return Failure.of(Reason.MALFORMED_TOKEN, "the token's header has 'crit' extensions, which are not supported");
    }

    /** {@code marker}: what shows it, e.g. {@code 'at_hash'}. */
    static Failure idToken(String marker) {
        return Failure.of(Reason.ID_TOKEN_PRESENTED, "the token is an OpenID Connect ID token (it has " + marker
                + "), not an access token; " + SEND_THE_ACCESS_TOKEN);
    }

    private static final String SEND_THE_ACCESS_TOKEN = "send the access token of the token response (access_token),"
            + " not its id_token";

    /** Beside another refusal of an ID token: what it is, and what to send instead; empty for other tokens. */
    static String idTokenNote(String marker) {
        return marker == null ? "" : "; it looks like an OpenID Connect ID token (it has " + marker + "): "
                + SEND_THE_ACCESS_TOKEN;
    }

    static Failure noType(String accepted) {
        return noType(accepted, null);
    }

    static Failure noType(String accepted, String idTokenMarker) {
        return new Failure(Reason.MALFORMED_TOKEN, "the token has no 'typ' header, so it is not shown to be an"
                + " access token of the accepted type" + idTokenNote(idTokenMarker), accepted, null);
    }

    static Failure typeNotAString(String accepted) {
        return new Failure(Reason.MALFORMED_TOKEN, "the token's 'typ' header is not a string", accepted, null);
    }

    static Failure typeNotAccepted(String type, String accepted) {
        return typeNotAccepted(type, accepted, null);
    }

    static Failure typeNotAccepted(String type, String accepted, String idTokenMarker) {
        return new Failure(Reason.MALFORMED_TOKEN, "the token's typ '" + Text.shortValue(type)
                + "' is not accepted here" + idTokenNote(idTokenMarker), accepted, null);
    }

    /** {@code alg} is the header's value, or {@code null} when it has none. */
    Failure algorithmNotAccepted(String alg) {
        String shown = alg == null ? "no alg" : "alg '" + Text.shortValue(alg) + "'";
        return new Failure(Reason.ALGORITHM_NOT_ALLOWED, "the token's " + shown + " is not accepted here",
                "allowed: " + trusted.allowedAlgorithms(), null);
    }

    static Failure algorithmNotForIssuer(SignatureAlgorithm algorithm, TrustedIssuer issuer) {
        return new Failure(Reason.ALGORITHM_NOT_ALLOWED, "the token's alg '" + algorithm + "' is not accepted for"
                + " its issuer", "allowed: " + issuer.settings().algorithms(), null);
    }

    Failure algorithmDoesNotMatchKey() {
        return new Failure(Reason.ALGORITHM_NOT_ALLOWED, "the token's alg does not match the verifying key",
                "allowed: " + trusted.allowedAlgorithms(), null);
    }

    /** {@code iss} is the token's, or {@code null} when it has none. */
    Failure issuerNotTrusted(String iss) {
        return new Failure(Reason.ISSUER_MISMATCH, iss == null ? "the token has no 'iss' claim"
                : "the token's issuer '" + Text.shortValue(iss) + "' is not trusted here", expectedIssuers(), null);
    }

    /**
     * The signature does not verify. {@code mixUp} names a likely configuration mistake (the secret read another
     * way, another issuer's key): shown in development, else written to the log only.
     */
    Failure badSignature(String kid, String mixUp) {
        String kidShown = kid == null ? "" : " (token kid '" + Text.shortValue(kid) + "')";
        return new Failure(Reason.INVALID_SIGNATURE, "the signature does not verify with the configured key" + kidShown,
                settings.development() ? mixUp : "", null, settings.development() ? "" : mixUp);
    }

    Failure expired(Instant expiredOn) {
        return Failure.of(Reason.TOKEN_EXPIRED, "the token expired at " + expiredOn + ", server time " + now()
                + ", allowed skew " + skew());
    }

    static Failure noExpiry() {
        return Failure.of(Reason.MISSING_REQUIRED_CLAIM, "the token has no 'exp' claim; tokens must expire");
    }

    static Failure notANumericDate(String claim) {
        return Failure.of(Reason.MALFORMED_TOKEN, "the token's '" + claim
                + "' is not a NumericDate (seconds since 1970 as a JSON number)");
    }

    static Failure noIssuedAt(Duration maxTokenAge) {
        return Failure.of(Reason.TOKEN_EXPIRED, "the token has no 'iat' claim, so it is not shown to be within "
                + maxAge(maxTokenAge));
    }

    Failure tooOld(Instant issued, Duration maxTokenAge) {
        return Failure.of(Reason.TOKEN_EXPIRED, "the token was issued at " + issued + " (iat), longer ago than "
                + maxAge(maxTokenAge) + ", server time " + now() + ", allowed skew " + skew());
    }

    /** A claim java-jwt's verifier or ours found missing ({@code sub} included). */
    ClaimRefusal missingClaim(String claim, TrustedIssuer issuer) {
        return switch (claim) {
            case "iss" -> new ClaimRefusal(issuerNotTrusted(null), Check.ISSUER);
            case "aud" -> new ClaimRefusal(new Failure(Reason.AUDIENCE_MISMATCH, "the token has no 'aud' claim",
                    expectedAudiences(issuer), null), Check.AUDIENCE);
            default -> new ClaimRefusal(Failure.of(Reason.MISSING_REQUIRED_CLAIM, "the token has no '"
                    + Text.shortValue(claim) + "' claim"), Check.CLAIMS);
        };
    }

    /** A claim java-jwt's verifier found with a value it does not accept; the values shown are the token's. */
    ClaimRefusal incorrectClaim(String claim, DecodedJWT jwt, TrustedIssuer issuer) {
        return switch (claim) {
            case "iss" -> new ClaimRefusal(new Failure(Reason.ISSUER_MISMATCH, "the token's issuer '"
                    + Text.shortValue(jwt.getIssuer()) + "' is not trusted here", expectedIssuers(), null),
                    Check.ISSUER);
            case "aud" -> new ClaimRefusal(new Failure(Reason.AUDIENCE_MISMATCH, "the token's audience "
                    + shortList(jwt.getAudience()) + " is not accepted here"
                    + idTokenNote(JoseHeaderChecks.idTokenMarker(jwt)), expectedAudiences(issuer), null),
                    Check.AUDIENCE);
            case "nbf" -> new ClaimRefusal(Failure.of(Reason.TOKEN_NOT_YET_VALID, "the token is not valid before "
                    + jwt.getNotBeforeAsInstant() + " (nbf), server time " + now() + ", allowed skew " + skew()),
                    Check.LIFETIME);
            case "iat" -> new ClaimRefusal(Failure.of(Reason.TOKEN_NOT_YET_VALID, "the token claims to be issued at "
                    + jwt.getIssuedAtAsInstant() + " (iat), after the server time " + now() + ", allowed skew "
                    + skew()), Check.LIFETIME);
            default -> new ClaimRefusal(Failure.of(Reason.MALFORMED_TOKEN, "the token's '" + Text.shortValue(claim)
                    + "' claim has an unexpected value"), Check.CLAIMS);
        };
    }

    private String expectedIssuers() {
        return "expected issuer " + trusted.issuerValues();
    }

    /** The audiences of the token's own issuer, once it is known; of every issuer before that. */
    private String expectedAudiences(TrustedIssuer issuer) {
        return "expected audience " + (issuer != null ? issuer.settings().audiences() : trusted.audiences());
    }

    private static String maxAge(Duration maxTokenAge) {
        return "the maximum token age of " + maxTokenAge.toSeconds() + "s";
    }

    private static String shortList(List<String> values) {
        return values == null ? "[]" : values.stream().limit(5).map(Text::shortValue).toList().toString();
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String skew() {
        return settings.clockSkew().toSeconds() + "s";
    }
}
