package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.Reason;
import io.jwtguard.testing.FakeRequest;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticatorTest {

    /** A request whose container will not let the application read headers: getHeaders answers null. */
    private static final HttpServletRequest HEADERS_HIDDEN = FakeRequest.get("/api/me").hidingHeaders();

    private static final String TOKEN = Tokens.valid(Instant.now()).sign(Tokens.hs256());

    /**
     * RFC 6750's b64token, checked by the validator for the header's token: the header's 400, with nothing after it
     * run, whether java-jwt could decode the token or not, with the cache on and off, the first time and again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + "TOKEN extra", "Bearer \"TOKEN\"", "Bearer TOKEN,", "Bearer TOKEN=x",
            "Bearer tok=en", "Bearer =abc", "Bearer \ttoken", "Bearer tok\u00e9n", "Bearer a%2Eb", "Bearer !!!.TOKEN",
            "Bearer TOKEN\u00e9", "Bearer TOKEN\uD83D\uDE00"})
    void aTokenOutsideTheB64tokenGrammarIsTheHeadersFaultA400(String template) {
        String header = template.replace("TOKEN", TOKEN);
        for (String cacheSize : List.of("0", "100")) {
            Authenticator authenticator = new Authenticator(TestSettings.hmacWith(Map.of("jwtguard.token.cache.size",
                    cacheSize)), Clock.systemUTC());
            for (int time = 1; time <= 2; time++) {
                AuthenticationResult result = authenticator.authenticate(List.of(header), null);

                assertThat(result.kind()).as("cache %s, time %d", cacheSize, time).isEqualTo(AuthenticationResult.Kind.FAILED);
                assertThat(result.failure().reason()).isEqualTo(Reason.MALFORMED_AUTHORIZATION_HEADER);
                assertThat(result.failure().reason().bearerError()).isEqualTo("invalid_request");
                assertThat(result.failure().description()).contains("b64token alphabet at position");
                assertThat(result.checks().failed()).isEqualTo(Check.HEADER);
                assertThat(result.checks().passedBits()).isZero();
            }
        }
    }

    /**
     * The cache's shortcut for a whole header reads the header by the same grammar as the full path: a token glued to
     * the scheme is another scheme, even when that token is remembered as verified.
     */
    @Test
    void aTokenGluedToTheSchemeIsRefusedEvenWhenTheTokenIsRemembered() {
        Authenticator authenticator = new Authenticator(TestSettings.hmacWith(Map.of("jwtguard.token.cache.size",
                "100")), Clock.systemUTC());
        assertThat(authenticator.authenticate(List.of("Bearer " + TOKEN), null).kind())
                .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);

        AuthenticationResult glued = authenticator.authenticate(List.of("Bearer" + TOKEN), null);

        assertThat(glued.kind()).isEqualTo(AuthenticationResult.Kind.FAILED);
        assertThat(glued.failure().reason()).isEqualTo(Reason.UNSUPPORTED_SCHEME);
        assertThat(authenticator.authenticate(List.of("bearer   " + TOKEN), null).kind())
                .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void theGrammarFailureNamesThePositionOfTheFirstBadCharacter() {
        AuthenticationResult result = new Authenticator(TestSettings.hmac(), Clock.systemUTC())
                .authenticate(List.of("Bearer " + TOKEN + " extra"), null);

        assertThat(result.failure().description()).contains("position " + (TOKEN.length() + 1));
    }

    /**
     * Padding before a dot: java-jwt's decoder takes it, and the signature over it verifies, but it is outside the
     * header's grammar, so the header refuses it, every time: the cache never remembers it as verified. A listener's
     * token has no header grammar, and the same string verifies there.
     */
    @Test
    void aSignedTokenWithPaddingBeforeADotIsRefusedInTheHeaderEveryTime() {
        Base64.Encoder padded = Base64.getUrlEncoder();
        String header = padded.encodeToString("{\"alg\":\"HS256\",\"x\":12}".getBytes(StandardCharsets.UTF_8));
        String payload = TOKEN.split("\\.")[1];
        assertThat(header).endsWith("=");
        String token = header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                Tokens.hs256().sign(header.getBytes(StandardCharsets.US_ASCII), payload.getBytes(StandardCharsets.US_ASCII)));
        Authenticator authenticator = new Authenticator(TestSettings.hmac(), Clock.systemUTC());

        assertThat(authenticator.validate(token).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        Authenticator fresh = new Authenticator(TestSettings.hmac(), Clock.systemUTC());
        for (int time = 1; time <= 2; time++) {
            AuthenticationResult result = fresh.authenticate(List.of("Bearer " + token), null);
            assertThat(result.failure().reason()).as("time %d", time).isEqualTo(Reason.MALFORMED_AUTHORIZATION_HEADER);
            assertThat(result.failure().description()).contains("position " + (header.length() + 1)); // the dot after it
        }
        assertThat(fresh.authenticate(List.of("Bearer " + TOKEN), null).kind())
                .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    /**
     * The cache never changes a decision: a token a listener supplied verifies without the header's grammar, and
     * the same authenticator later meeting that token in the header still refuses it there, as without the cache.
     */
    @Test
    void aListenersTokenRemembersNothingTheHeaderWouldRefuse() {
        Base64.Encoder padded = Base64.getUrlEncoder();
        String header = padded.encodeToString("{\"alg\":\"HS256\",\"x\":12}".getBytes(StandardCharsets.UTF_8));
        String payload = TOKEN.split("\\.")[1];
        String token = header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                Tokens.hs256().sign(header.getBytes(StandardCharsets.US_ASCII), payload.getBytes(StandardCharsets.US_ASCII)));
        Authenticator authenticator = new Authenticator(TestSettings.hmac(), Clock.systemUTC());

        for (int time = 1; time <= 2; time++) {
            assertThat(authenticator.validate(token).kind()).as("time %d", time)
                    .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
            AuthenticationResult result = authenticator.authenticate(List.of("Bearer " + token), null);
            assertThat(result.kind()).as("time %d", time).isEqualTo(AuthenticationResult.Kind.FAILED);
            assertThat(result.failure().reason()).isEqualTo(Reason.MALFORMED_AUTHORIZATION_HEADER);
        }
    }

    @Test
    void aContainerThatHidesHeadersMeansNoTokenNotAnException() {
        AuthenticationResult result = new Authenticator(TestSettings.hmac(), Clock.systemUTC()).authenticate(HEADERS_HIDDEN);

        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.NO_TOKEN);
        assertThat(result.failure().reason()).isEqualTo(Reason.MISSING_TOKEN);
    }

    @Test
    void theTokenCookieSentTwiceIsAMalformedRequestNeverFirstOneWins() {
        Authenticator withCookie = new Authenticator(TestSettings.hmacWith(java.util.Map.of("jwtguard.token.cookie",
                "__Host-access_token")), Clock.systemUTC());
        String valid = Tokens.valid(java.time.Instant.now()).sign(Tokens.hs256());

        AuthenticationResult once = withCookie.authenticate(FakeRequest.get("/api/me").cookie("__Host-access_token", valid));
        AuthenticationResult twice = withCookie.authenticate(FakeRequest.get("/api/me")
                .cookie("__Host-access_token", "attacker-planted").cookie("__Host-access_token", valid));

        assertThat(once.kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(twice.kind()).isEqualTo(AuthenticationResult.Kind.FAILED);
        assertThat(twice.failure().reason()).isEqualTo(Reason.MALFORMED_AUTHORIZATION_HEADER);
        assertThat(twice.failure().description()).contains("sent 2 times", "__Host-");
    }

    /**
     * The raw Cookie header lines, as the server received them, not the container's parse of them (Undertow keeps only
     * the first of two cookies with one name): a cookie in each of two lines is twice too.
     */
    @Test
    void theTokenCookieInTwoCookieHeadersIsAMalformedRequest() {
        Authenticator withCookie = new Authenticator(TestSettings.hmacWith(Map.of("jwtguard.token.cookie",
                "__Host-access_token")), Clock.systemUTC());

        AuthenticationResult twice = withCookie.authenticate(FakeRequest.get("/api/me")
                .header("Cookie", "__Host-access_token=" + TOKEN).header("Cookie", "lang=en; __Host-access_token=" + TOKEN));

        assertThat(twice.kind()).isEqualTo(AuthenticationResult.Kind.FAILED);
        assertThat(twice.failure().reason()).isEqualTo(Reason.MALFORMED_AUTHORIZATION_HEADER);
        assertThat(twice.failure().description()).contains("sent 2 times");
    }

    @Test
    void theTokenCookieQuotedOrBesideCookiesWhoseNamesContainItsNameAuthenticates() {
        Authenticator withCookie = new Authenticator(TestSettings.hmacWith(Map.of("jwtguard.token.cookie",
                "access_token")), Clock.systemUTC());

        AuthenticationResult quoted = withCookie.authenticate(FakeRequest.get("/api/me")
                .header("Cookie", "old_access_token=x; access_token=\"" + TOKEN + "\"; access_token_id=y"));
        AuthenticationResult others = withCookie.authenticate(FakeRequest.get("/api/me")
                .header("Cookie", "old_access_token=" + TOKEN + "; access_token_id=" + TOKEN));

        assertThat(quoted.kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(others.kind()).isEqualTo(AuthenticationResult.Kind.NO_TOKEN);
        assertThat(others.failure().reason()).isEqualTo(Reason.MISSING_TOKEN);
    }
}
