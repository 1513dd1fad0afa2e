package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.Reason;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A signature that does not verify, because the secret was read the wrong way, says which way was meant. */
class KeyMixUpsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-mixed-up".getBytes(StandardCharsets.UTF_8);
    private static final String BASE64 = Base64.getEncoder().encodeToString(SECRET);

    private static String signedWith(byte[] secret) {
        return Tokens.valid(Instant.now()).sign(Algorithm.HMAC256(secret));
    }

    private static AuthenticationResult validate(Map<String, String> settings, String token) {
        return new TokenValidator(TestSettings.hmacWith(settings), Clock.systemUTC()).validate(token);
    }

    @Test
    void aBase64SecretReadAsTextIsNamedInTheLogLineWithTheSettingThatFixesIt() {
        // The issuer signs with the decoded bytes; JwtGuard was given the Base64 text without its encoding.
        AuthenticationResult result = validate(Map.of("jwtguard.key", BASE64), signedWith(SECRET));

        assertThat(result.failure().reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(result.failure().serverDetail()).isEqualTo("the token verifies with the configured secret read as"
                + " base64: set jwtguard.key.encoding=base64");
        // Production: the client's answer says nothing of the configuration.
        assertThat(result.failure().describe(false)).doesNotContain("base64", "encoding");
    }

    @Test
    void aTextSecretReadAsBase64IsNamedToo() {
        String text = "plain-text-secret-that-is-long-enough-0123456789";
        AuthenticationResult result = validate(Map.of("jwtguard.key", text, "jwtguard.key.encoding", "base64url"),
                signedWith(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.failure().serverDetail()).contains("read as text: set jwtguard.key.encoding=utf8");
    }

    @Test
    void inDevelopmentTheClientIsToldToo() {
        AuthenticationResult result = validate(Map.of("jwtguard.key", BASE64, "jwtguard.diagnostics", "development"),
                signedWith(SECRET));

        assertThat(result.failure().describe(true)).contains("read as base64: set jwtguard.key.encoding=base64");
    }

    @Test
    void aTokenSignedWithAnotherSecretAltogetherGetsNoGuess() {
        AuthenticationResult result = validate(Map.of("jwtguard.key", BASE64),
                signedWith("an-unrelated-secret-of-forty-bytes-0123456".getBytes(StandardCharsets.UTF_8)));

        assertThat(result.failure().reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(result.failure().serverDetail()).isEmpty();
    }

    @Test
    void theOtherReadingsNeverAcceptAToken() {
        AuthenticationResult result = validate(Map.of("jwtguard.key", BASE64), signedWith(SECRET));

        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.FAILED);
    }
}
