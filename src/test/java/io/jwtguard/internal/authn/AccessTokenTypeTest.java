package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.Reason;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9068 JWT access tokens: their typ accepted, optionally required, and an ID token refused for what it is. */
class AccessTokenTypeTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static TokenValidator validator(Map<String, String> settings) {
        return new TokenValidator(TestSettings.hmacWith(settings), CLOCK);
    }

    private static String typed(String typ) {
        return Tokens.valid(NOW).withHeader(Map.of("typ", typ)).sign(Tokens.hs256());
    }

    private static String payload(String extra) {
        return "{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"alice\",\"iat\":"
                + NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + extra + "}";
    }

    private static Reason reasonOf(AuthenticationResult result) {
        return result.kind() == AuthenticationResult.Kind.FAILED ? result.failure().reason() : null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "application/at+jwt", "AT+JWT"})
    void anAccessTokenTypeIsAcceptedWhateverIsConfigured(String typ) {
        assertThat(validator(Map.of()).validate(typed(typ)).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(validator(Map.of("jwtguard.token.type", "JWT")).validate(typed(typ)).kind())
                .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(validator(Map.of("jwtguard.token.require-access-token-type", "true")).validate(typed(typ)).kind())
                .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void aConfiguredTypeListGainsAtJwtAfterItsOwnTypes() {
        Settings settings = TestSettings.hmacWith(Map.of("jwtguard.token.type", "JWT,secevent+jwt"));

        assertThat(settings.tokenTypes()).containsExactly("jwt", "secevent+jwt", "at+jwt");
        assertThat(TestSettings.hmac().tokenTypes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "application/jwt", "secevent+jwt", "at+jwt;x=1"})
    void requiringTheProfileRefusesAnyOtherType(String typ) {
        AuthenticationResult result = validator(Map.of("jwtguard.token.require-access-token-type", "true"))
                .validate(typed(typ));

        assertThat(reasonOf(result)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(result.failure().description()).contains("the token's typ '");
        assertThat(result.failure().describe(true)).endsWith("accepted typ [at+jwt]");
        assertThat(result.checks().failed()).isEqualTo(Check.TOKEN_TYPE);
    }

    @Test
    void requiringTheProfileRefusesAnUntypedToken() {
        AuthenticationResult result = validator(Map.of("jwtguard.token.require-access-token-type", "true"))
                .validate(Tokens.raw("{\"alg\":\"HS256\"}", payload(""), Tokens.hs256()));

        assertThat(reasonOf(result)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(result.failure().description()).contains("no 'typ' header");
    }

    @Test
    void requiringTheProfileBesideOtherConfiguredTypesIsAStartUpProblem() {
        Map<String, String> values = new HashMap<>(TestSettings.hmacValues());
        values.put("jwtguard.token.require-access-token-type", "true");
        values.put("jwtguard.token.type", "JWT,at+jwt");

        assertThatThrownBy(() -> TestSettings.load(values)).hasMessageContaining(
                "jwtguard.token.type: lists [jwt] while jwtguard.token.require-access-token-type=true accepts only at+jwt");
        assertThat(TestSettings.hmacWith(Map.of("jwtguard.token.require-access-token-type", "true",
                "jwtguard.token.type", "application/at+jwt")).tokenTypes()).containsExactly("at+jwt");
    }

    @Test
    void theRequireSettingIsAFlag() {
        Map<String, String> values = new HashMap<>(TestSettings.hmacValues());
        values.put("jwtguard.token.require-access-token-type", "yes");

        assertThatThrownBy(() -> TestSettings.load(values))
                .hasMessageContaining("jwtguard.token.require-access-token-type: 'yes' is not true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {",\"at_hash\":\"77QmUPtjPfzWtF2AnpK9RQ\"", ",\"c_hash\":\"LDktKdoQak3Pk0cnXxCltA\"",
            ",\"typ\":\"ID\"", ",\"nonce\":\"n-0S6_WzA2Mj\""})
    void anIdTokenIsRefusedAsIdTokenPresented(String marker) {
        for (String header : List.of("{\"alg\":\"HS256\"}", "{\"alg\":\"HS256\",\"typ\":\"JWT\"}")) {
            AuthenticationResult result = validator(Map.of())
                    .validate(Tokens.raw(header, payload(",\"azp\":\"spa\"" + marker), Tokens.hs256()));

            assertThat(reasonOf(result)).isEqualTo(Reason.ID_TOKEN_PRESENTED);
            assertThat(result.failure().reason().status()).isEqualTo(401);
            assertThat(result.failure().reason().bearerError()).isEqualTo("invalid_token");
            assertThat(result.failure().description()).startsWith("the token is an OpenID Connect ID token (it has ")
                    .endsWith("), not an access token; send the access token of the token response (access_token),"
                            + " not its id_token");
        }
    }

    /** Another check that refuses an ID token keeps its reason; the description says what the token is. */
    @Test
    void anIdTokenOfAnotherTypeKeepsMalformedTokenWithANote() {
        AuthenticationResult result = validator(Map.of("jwtguard.token.require-access-token-type", "true"))
                .validate(Tokens.raw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload(",\"at_hash\":\"x\""),
                        Tokens.hs256()));

        assertThat(reasonOf(result)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(result.failure().description()).isEqualTo("the token's typ 'JWT' is not accepted here; it looks"
                + " like an OpenID Connect ID token (it has 'at_hash'): send the access token of the token response"
                + " (access_token), not its id_token");
    }

    @Test
    void anIdTokenForTheClientKeepsAudienceMismatchWithANote() {
        AuthenticationResult result = validator(Map.of()).validate(Tokens.raw("{\"alg\":\"HS256\"}",
                payload(",\"nonce\":\"n\"").replace("\"aud\":\"" + Tokens.AUDIENCE + "\"", "\"aud\":\"spa\""),
                Tokens.hs256()));

        assertThat(reasonOf(result)).isEqualTo(Reason.AUDIENCE_MISMATCH);
        assertThat(result.failure().description()).isEqualTo("the token's audience [spa] is not accepted here; it"
                + " looks like an OpenID Connect ID token (it has a 'nonce' and no 'scope'): send the access token of"
                + " the token response (access_token), not its id_token");
    }

    @Test
    void anIdTokenIsTheLastCheckTheDoctorShowsFailed() {
        AuthenticationResult result = validator(Map.of())
                .validate(Tokens.raw("{\"alg\":\"HS256\"}", payload(",\"c_hash\":\"x\""), Tokens.hs256()));

        assertThat(result.checks().failed()).isEqualTo(Check.TOKEN_TYPE);
        assertThat(result.checks().status(Check.SIGNATURE)).isEqualTo(Checks.Status.PASSED);
        assertThat(result.checks().status(Check.AUDIENCE)).isEqualTo(Checks.Status.PASSED);
    }

    /** Access tokens that carry a nonce beside their scopes (Keycloak's did), or are typed, are not ID tokens. */
    @ParameterizedTest
    @ValueSource(strings = {",\"nonce\":\"n\",\"scope\":\"openid orders\"", ",\"nonce\":\"n\",\"scp\":[\"orders\"]",
            ",\"typ\":\"Bearer\",\"azp\":\"spa\"", ""})
    void accessTokensWithSomeOidcClaimsPass(String claims) {
        AuthenticationResult result = validator(Map.of())
                .validate(Tokens.raw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload(claims), Tokens.hs256()));

        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void anExplicitlyTypedTokenIsNeverTakenForAnIdToken() {
        AuthenticationResult result = validator(Map.of())
                .validate(Tokens.raw("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", payload(",\"nonce\":\"n\""),
                        Tokens.hs256()));

        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void aForgedIdTokenIsAnInvalidSignature() {
        AuthenticationResult result = validator(Map.of())
                .validate(Tokens.raw("{\"alg\":\"HS256\"}", payload(",\"at_hash\":\"x\""),
                        com.auth0.jwt.algorithms.Algorithm.HMAC256("another-secret-of-at-least-32-bytes!!")));

        assertThat(reasonOf(result)).isEqualTo(Reason.INVALID_SIGNATURE);
    }
}
