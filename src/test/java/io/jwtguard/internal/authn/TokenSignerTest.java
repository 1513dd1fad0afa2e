package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.TokenIssuer;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSignerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00.750Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void issuedTokensCarryTheRegisteredClaimsInUtcSeconds() {
        TokenIssuer issuer = TokenSigner.forSettings(TestSettings.hmac(), CLOCK).orElseThrow();

        DecodedJWT jwt = JWT.decode(issuer.issue("alice", List.of("User")));

        assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
        assertThat(jwt.getIssuer()).isEqualTo(Tokens.ISSUER);
        assertThat(jwt.getAudience()).containsExactly(Tokens.AUDIENCE);
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getIssuedAtAsInstant()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(jwt.getNotBeforeAsInstant()).isEqualTo(jwt.getIssuedAtAsInstant());
        assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(Instant.parse("2026-11-28T10:15:00Z"));
        assertThat(jwt.getId()).hasSize(36);
        assertThat(jwt.getClaim("roles").asList(String.class)).containsExactly("User");
    }

    @Test
    void issuedTokensAreAcceptedByTheValidatorOfTheSameSettingsWhateverTheRolesPath() {
        for (String path : List.of("roles", "realm_access.roles", "scope")) {
            Settings settings = TestSettings.hmacWith(Map.of("jwtguard.roles.claim", path));
            String token = TokenSigner.forSettings(settings, CLOCK).orElseThrow().issue("bob", List.of("Admin", "User"));

            AuthenticationResult result = new TokenValidator(settings, CLOCK).validate(token);

            assertThat(result.kind()).as(path).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
            assertThat(result.principal().getRoles()).as(path).containsExactlyInAnyOrder("Admin", "User");
        }
    }

    @Test
    void withARequiredTypeIssuedTokensCarryItAndAreAccepted() {
        Settings settings = TestSettings.hmacWith(Map.of("jwtguard.token.type", "application/at+jwt,secevent+jwt",
                "jwtguard.max-token-age", "1h"));
        String token = TokenSigner.forSettings(settings, CLOCK).orElseThrow().issue("bob", List.of("User"));

        assertThat(JWT.decode(token).getType()).isEqualTo("at+jwt");
        assertThat(new TokenValidator(settings, CLOCK).validate(token).kind())
                .isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void publicKeySettingsIssueOnlyWithASigningKey(@TempDir Path dir) {
        KeyPair ec = TestKeys.ec("secp256r1");
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "jwtguard.key.location", TestKeys.pemFile(dir, "public.pem", ec.getPublic()),
                "jwtguard.issuer", Tokens.ISSUER, "jwtguard.audience", Tokens.AUDIENCE));
        assertThat(TokenSigner.forSettings(TestSettings.load(values), CLOCK)).isEmpty();

        values.put("jwtguard.signing.key.location", TestKeys.pemFile(dir, "private.pem", ec.getPrivate()));
        Settings settings = TestSettings.load(values);
        String token = TokenSigner.forSettings(settings, CLOCK).orElseThrow()
                .issue("carol", List.of(), Map.of("department", "finance"), Duration.ofMinutes(1));

        AuthenticationResult result = new TokenValidator(settings, CLOCK).validate(token);
        assertThat(JWT.decode(token).getAlgorithm()).isEqualTo("ES256");
        assertThat(result.principal().getClaim("department")).contains("finance");
    }
}
