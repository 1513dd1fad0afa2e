package io.jwtguard.internal.authn;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.Reason;
import io.jwtguard.internal.config.Settings;
import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.TestSettings;
import io.jwtguard.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final TokenValidator validator = new TokenValidator(TestSettings.hmac(), CLOCK);

    private AuthenticationResult validate(String token) {
        return validator.validate(token);
    }

    private static Reason reasonOf(AuthenticationResult result) {
        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.FAILED);
        return result.failure().reason();
    }

    @Test
    void validTokenAuthenticatesWithNameRolesAndClaims() {
        AuthenticationResult result = validate(Tokens.valid(NOW).withClaim("department", "finance").sign(Tokens.hs256()));

        assertThat(result.kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(result.principal().getName()).isEqualTo("alice");
        assertThat(result.principal().getRoles()).containsExactly("User");
        assertThat(result.principal().getClaims()).containsEntry("department", "finance").containsKey("exp");
        assertThat(result.principal().getIssuer()).isEqualTo(Tokens.ISSUER);
        assertThat(result.principal().getAudience()).containsExactly(Tokens.AUDIENCE);
    }

    @Test
    void expiredTokenGets401WithReasonAndTimes() {
        String token = Tokens.valid(NOW).withIssuedAt(NOW.minusSeconds(3600))
                .withExpiresAt(NOW.minusSeconds(61)).sign(Tokens.hs256());

        AuthenticationResult result = validate(token);

        assertThat(reasonOf(result)).isEqualTo(Reason.TOKEN_EXPIRED);
        assertThat(result.failure().description())
                .isEqualTo("the token expired at 2026-11-28T09:58:59Z, server time 2026-11-28T10:00:00Z, allowed skew 60s");
    }

    @Test
    void tokenExpiredWithinTheSkewIsStillAccepted() {
        String token = Tokens.valid(NOW).withIssuedAt(NOW.minusSeconds(3600))
                .withExpiresAt(NOW.minusSeconds(59)).sign(Tokens.hs256());

        assertThat(validate(token).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void notBeforeInTheFutureIsNotYetValid() {
        String token = Tokens.valid(NOW).withNotBefore(NOW.plusSeconds(120)).sign(Tokens.hs256());

        AuthenticationResult result = validate(token);

        assertThat(reasonOf(result)).isEqualTo(Reason.TOKEN_NOT_YET_VALID);
        assertThat(result.failure().description()).contains("2026-11-28T10:02:00Z (nbf)", "server time 2026-11-28T10:00:00Z");
    }

    @Test
    void issuedInTheFutureIsNotYetValid() {
        String token = Tokens.valid(NOW).withIssuedAt(NOW.plusSeconds(600)).sign(Tokens.hs256());

        assertThat(reasonOf(validate(token))).isEqualTo(Reason.TOKEN_NOT_YET_VALID);
    }

    @Test
    void wrongIssuerNamesTheTokensIssuerButNotTheExpectedOneInProduction() {
        AuthenticationResult result = validate(Tokens.valid(NOW).withIssuer("https://evil.test").sign(Tokens.hs256()));

        assertThat(reasonOf(result)).isEqualTo(Reason.ISSUER_MISMATCH);
        assertThat(result.failure().describe(false)).contains("https://evil.test").doesNotContain(Tokens.ISSUER);
        assertThat(result.failure().describe(true)).contains("expected issuer [" + Tokens.ISSUER + "]");
    }

    @Test
    void missingIssuerIsAnIssuerMismatch() {
        String token = Tokens.raw("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"aud\":\"" + Tokens.AUDIENCE
                + "\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", Tokens.hs256());

        assertThat(reasonOf(validate(token))).isEqualTo(Reason.ISSUER_MISMATCH);
    }

    @Test
    void wrongAudienceIsAnAudienceMismatch() {
        AuthenticationResult result = validate(Tokens.valid(NOW).withAudience("other-api").sign(Tokens.hs256()));

        assertThat(reasonOf(result)).isEqualTo(Reason.AUDIENCE_MISMATCH);
        assertThat(result.failure().description()).contains("[other-api]");
    }

    @Test
    void anyOfSeveralAudiencesIsEnough() {
        String token = Tokens.valid(NOW).withAudience("other-api", Tokens.AUDIENCE).sign(Tokens.hs256());

        assertThat(validate(token).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void anotherKeyIsAnInvalidSignature() {
        String token = Tokens.valid(NOW).withKeyId("k1")
                .sign(Algorithm.HMAC256("another-secret-0123456789-abcdefgh".getBytes(StandardCharsets.UTF_8)));

        AuthenticationResult result = validate(token);

        assertThat(reasonOf(result)).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(result.failure().description()).contains("kid 'k1'");
        assertThat(result.failure().token().kid()).isEqualTo("k1");
    }

    @Test
    void tamperedPayloadIsAnInvalidSignature() {
        String[] parts = Tokens.valid(NOW).sign(Tokens.hs256()).split("\\.");
        // Same claims, but the caller promoted itself to Admin.
        String forged = Tokens.valid(NOW).withClaim("roles", List.of("Admin")).sign(Tokens.hs256()).split("\\.")[1];

        assertThat(reasonOf(validate(parts[0] + "." + forged + "." + parts[2]))).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE", "HS384", "RS256", "ES256", ""})
    void algorithmsOutsideTheAllowListAreRefused(String alg) {
        String token = Tokens.raw("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", payload(NOW.plusSeconds(60)), null);

        AuthenticationResult result = validate(token);

        assertThat(reasonOf(result)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
        assertThat(result.failure().describe(true)).contains("allowed: [HS256]");
    }

    @Test
    void tokenWithoutAlgIsRefused() {
        assertThat(reasonOf(validate(Tokens.raw("{\"typ\":\"JWT\"}", payload(NOW.plusSeconds(60)), Tokens.hs256()))))
                .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefusedWhenRsaIsConfigured(@TempDir Path dir) {
        KeyPair rsa = TestKeys.rsa(2048);
        Settings settings = TestSettings.load(Map.of(
                "jwtguard.key.location", TestKeys.pemFile(dir, "public.pem", rsa.getPublic()),
                "jwtguard.issuer", Tokens.ISSUER, "jwtguard.audience", Tokens.AUDIENCE));
        TokenValidator rsaValidator = new TokenValidator(settings, CLOCK);
        byte[] publicPem = TestKeys.pem(rsa.getPublic()).getBytes(StandardCharsets.US_ASCII);

        String confused = Tokens.valid(NOW).sign(Algorithm.HMAC256(publicPem));
        String genuine = Tokens.valid(NOW).sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(),
                (RSAPrivateKey) rsa.getPrivate()));

        assertThat(reasonOf(rsaValidator.validate(confused))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
        assertThat(rsaValidator.validate(genuine).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void es256FromAPemKeyVerifiesAndAllZeroSignatureDoesNot(@TempDir Path dir) {
        KeyPair ec = TestKeys.ec("secp256r1");
        Settings settings = TestSettings.load(Map.of(
                "jwtguard.key.location", TestKeys.pemFile(dir, "ec.pem", ec.getPublic()),
                "jwtguard.issuer", Tokens.ISSUER, "jwtguard.audience", Tokens.AUDIENCE));
        TokenValidator ecValidator = new TokenValidator(settings, CLOCK);
        String genuine = Tokens.valid(NOW).sign(Algorithm.ECDSA256((ECPublicKey) ec.getPublic(),
                (ECPrivateKey) ec.getPrivate()));
        String[] parts = genuine.split("\\.");
        String zeros = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);

        assertThat(settings.algorithms()).hasToString("[ES256]");
        assertThat(ecValidator.validate(genuine).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(reasonOf(ecValidator.validate(parts[0] + "." + parts[1] + "." + zeros)))
                .isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void missingExpIsAMissingRequiredClaim() {
        String token = Tokens.raw("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"iss\":\"" + Tokens.ISSUER
                + "\",\"aud\":\"" + Tokens.AUDIENCE + "\"}", Tokens.hs256());

        AuthenticationResult result = validate(token);

        assertThat(reasonOf(result)).isEqualTo(Reason.MISSING_REQUIRED_CLAIM);
        assertThat(result.failure().description()).contains("'exp'");
    }

    @Test
    void nullExpIsAMissingRequiredClaim() {
        String token = Tokens.raw("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"iss\":\"" + Tokens.ISSUER
                + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"exp\":null}", Tokens.hs256());

        assertThat(reasonOf(validate(token))).isEqualTo(Reason.MISSING_REQUIRED_CLAIM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1900000000\"", "true", "[1900000000]", "{}", "1e18", "-1e18", "1e400"})
    void expThatIsNotASaneNumericDateIsMalformed(String exp) {
        String token = Tokens.raw("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"iss\":\"" + Tokens.ISSUER
                + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"exp\":" + exp + "}", Tokens.hs256());

        assertThat(reasonOf(validate(token))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    /**
     * What java-jwt lets through of nbf and iat: JSON null (it reads absent), and dates before the year -9999 (after
     * the year 9999 it refuses them itself, as not yet valid).
     */
    @ParameterizedTest
    @ValueSource(strings = {"\"nbf\":null", "\"iat\":null", "\"nbf\":-300000000000", "\"iat\":-300000000000"})
    void nbfOrIatThatIsNotASaneNumericDateIsMalformed(String claim) {
        AuthenticationResult result = validate(expiringWith(claim));

        assertThat(reasonOf(result)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(result.failure().description()).contains(claim.substring(1, 4));
    }

    /** Refused by java-jwt while decoding. */
    @ParameterizedTest
    @ValueSource(strings = {"\"nbf\":\"1\"", "\"iat\":[1]", "\"nbf\":true", "\"iat\":1e400"})
    void nbfOrIatThatIsNotANumberIsMalformed(String claim) {
        assertThat(reasonOf(validate(expiringWith(claim)))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    /** A token valid for a minute, with one more claim written as raw JSON ({@code "name":value}). */
    private static String expiringWith(String claim) {
        return Tokens.raw("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\""
                + Tokens.AUDIENCE + "\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "," + claim + "}",
                Tokens.hs256());
    }

    @Test
    void expPastTheYear9999IsMalformed() {
        String token = Tokens.raw("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"iss\":\"" + Tokens.ISSUER
                + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"exp\":300000000000}", Tokens.hs256());

        assertThat(reasonOf(validate(token))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void missingSubjectIsAMissingRequiredClaim() {
        String token = JWT.create().withIssuer(Tokens.ISSUER).withAudience(Tokens.AUDIENCE)
                .withExpiresAt(NOW.plusSeconds(60)).sign(Tokens.hs256());

        assertThat(reasonOf(validate(token))).isEqualTo(Reason.MISSING_REQUIRED_CLAIM);
    }

    @Test
    void critHeaderIsRefused() {
        String token = Tokens.raw("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", payload(NOW.plusSeconds(60)), Tokens.hs256());

        AuthenticationResult result = validate(token);

        assertThat(reasonOf(result)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(result.failure().description()).contains("crit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bnVsbA.e30.AAAA", "e30.e30.", "a.b.c", "abc", "a.b", "a.b.c.d", "....",
            "W10.W10.AAAA", "eyJhbGciOiJIUzI1NiJ9.bnVsbA.AAAA", "eyJhbGciOiJIUzI1NiJ9.!!!.AAAA", "..."})
    void garbageIsAMalformedTokenNeverAnException(String token) {
        assertThat(reasonOf(validate(token))).isIn(Reason.MALFORMED_TOKEN, Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void invalidUtf8InThePayloadIsMalformed() {
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

        assertThat(validate(header + "." + payload + ".AAAA").kind()).isEqualTo(AuthenticationResult.Kind.FAILED);
    }

    @Test
    void aMegabyteTokenIsRefusedBeforeParsing() {
        AuthenticationResult result = validate("a".repeat(1 << 20));

        assertThat(reasonOf(result)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(result.failure().description()).contains("1048576 characters, over the 8192");
    }

    @Test
    void rolesComeFromANestedClaimPath() {
        TokenValidator keycloak = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.roles.claim",
                "realm_access.roles")), CLOCK);
        String token = Tokens.valid(NOW).withClaim("realm_access", Map.of("roles", List.of("Admin", "User")))
                .sign(Tokens.hs256());

        assertThat(keycloak.validate(token).principal().getRoles()).containsExactlyInAnyOrder("Admin", "User");
    }

    @Test
    void scopeIsSpaceSeparatedButRolesAreNeverSplitOnCommas() {
        TokenValidator scopes = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.roles.claim", "scope")),
                CLOCK);
        String scoped = Tokens.valid(NOW).withClaim("scope", "read write").sign(Tokens.hs256());
        String commas = Tokens.valid(NOW).withClaim("roles", "Admin,User").sign(Tokens.hs256());

        assertThat(scopes.validate(scoped).principal().getRoles()).containsExactlyInAnyOrder("read", "write");
        assertThat(validate(commas).principal().getRoles()).containsExactly("Admin,User");
    }

    @Test
    void rolesClaimOfTheWrongTypeGivesNoRoles() {
        String token = Tokens.valid(NOW).withClaim("roles", 42).sign(Tokens.hs256());

        assertThat(validate(token).principal().getRoles()).isEmpty();
    }

    @Test
    void nameClaimIsConfigurable() {
        TokenValidator byEmail = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.name.claim", "email")), CLOCK);
        String token = Tokens.valid(NOW).withClaim("email", "alice@example.test").sign(Tokens.hs256());

        assertThat(byEmail.validate(token).principal().getName()).isEqualTo("alice@example.test");
    }

    @Test
    void descriptionsNeverCarryQuotesOrControlCharactersFromTheToken() {
        AuthenticationResult result = validate(Tokens.valid(NOW).withIssuer("evil\"\r\nInjected: yes\\")
                .sign(Tokens.hs256()));

        assertThat(reasonOf(result)).isEqualTo(Reason.ISSUER_MISMATCH);
        assertThat(result.failure().description()).doesNotContain("\"", "\r", "\n", "\\");
    }

    @Test
    void failuresCarryAFingerprintNeverTheToken() {
        String token = Tokens.valid(NOW).withExpiresAt(NOW.minus(Duration.ofHours(2)))
                .withIssuedAt(NOW.minus(Duration.ofHours(3))).sign(Tokens.hs256());

        AuthenticationResult result = validate(token);

        assertThat(result.failure().token().fingerprint()).startsWith("sha256:").hasSize(19);
        assertThat(result.failure().token().forLog()).doesNotContain(token.split("\\.")[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "application/at+jwt", "AT+JWT", "Application/At+Jwt"})
    void anAcceptedTypeIsComparedCaseInsensitivelyWithOrWithoutApplication(String typ) {
        TokenValidator typed = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.token.type", "at+jwt")), CLOCK);
        String token = Tokens.valid(NOW).withHeader(Map.of("typ", typ)).sign(Tokens.hs256());

        assertThat(typed.validate(token).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "application/jwt", "text/at+jwt", "at+jwt ", "at+jwt;x=1", "xat+jwt",
            "application/application/at+jwt", "\u0430t+jwt", ""})
    void anotherTypeIsAMalformedTokenNamingTheType(String typ) {
        TokenValidator typed = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.token.type", "at+jwt")), CLOCK);
        String token = Tokens.valid(NOW).withHeader(Map.of("typ", typ)).sign(Tokens.hs256());

        AuthenticationResult result = typed.validate(token);

        assertThat(reasonOf(result)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(result.failure().description()).contains("the token's typ '");
        assertThat(result.failure().describe(false)).doesNotContain("accepted typ");
        assertThat(result.failure().describe(true)).endsWith("accepted typ [at+jwt]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"typ\":null", ",\"typ\":[\"at+jwt\"]", ",\"typ\":42", ",\"typ\":{}"})
    void aMissingOrNonStringTypeIsRefusedWhenATypeIsRequired(String typMember) {
        TokenValidator typed = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.token.type", "at+jwt")), CLOCK);
        String token = Tokens.raw("{\"alg\":\"HS256\"" + typMember + "}", validPayload(), Tokens.hs256());

        AuthenticationResult result = typed.validate(token);

        assertThat(reasonOf(result)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(result.failure().description()).containsAnyOf("no 'typ' header", "'typ' header is not a string");
    }

    @Test
    void withoutATypePolicyTheTypIsNotChecked() {
        String idToken = Tokens.valid(NOW).withHeader(Map.of("typ", "JWT")).sign(Tokens.hs256());
        String untyped = Tokens.raw("{\"alg\":\"HS256\"}", validPayload(), Tokens.hs256());

        assertThat(validate(idToken).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
        assertThat(validate(untyped).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void theTypeIsCheckedAfterTheAlgorithmSoNoneIsStillAlgorithmNotAllowed() {
        TokenValidator typed = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.token.type", "at+jwt")), CLOCK);

        assertThat(reasonOf(typed.validate(Tokens.raw("{\"alg\":\"none\",\"typ\":\"JWT\"}", validPayload(), null))))
                .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void aTokenOlderThanTheMaximumAgeIsExpiredNamingIatAndTheAge() {
        TokenValidator aged = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.max-token-age", "1h")), CLOCK);
        String token = Tokens.valid(NOW).withIssuedAt(NOW.minus(Duration.ofHours(1)).minusSeconds(61))
                .withExpiresAt(NOW.plus(Duration.ofDays(30))).sign(Tokens.hs256());

        AuthenticationResult result = aged.validate(token);

        assertThat(reasonOf(result)).isEqualTo(Reason.TOKEN_EXPIRED);
        assertThat(result.failure().description()).isEqualTo("the token was issued at 2026-11-28T08:58:59Z (iat),"
                + " longer ago than the maximum token age of 3600s, server time 2026-11-28T10:00:00Z, allowed skew 60s");
    }

    @Test
    void aTokenJustWithinTheMaximumAgePlusTheSkewIsAccepted() {
        TokenValidator aged = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.max-token-age", "1h")), CLOCK);
        String token = Tokens.valid(NOW).withIssuedAt(NOW.minus(Duration.ofHours(1)).minusSeconds(60))
                .withExpiresAt(NOW.plus(Duration.ofDays(30))).sign(Tokens.hs256());

        assertThat(aged.validate(token).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    @Test
    void withAMaximumAgeATokenWithoutIatIsExpired() {
        TokenValidator aged = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.max-token-age", "15m")), CLOCK);

        AuthenticationResult result = aged.validate(Tokens.raw("{\"alg\":\"HS256\"}", validPayload(), Tokens.hs256()));

        assertThat(reasonOf(result)).isEqualTo(Reason.TOKEN_EXPIRED);
        assertThat(result.failure().description())
                .isEqualTo("the token has no 'iat' claim, so it is not shown to be within the maximum token age of 900s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "-253402300799"})
    void withAMaximumAgeAnIatFarInThePastIsExpired(String iat) {
        TokenValidator aged = new TokenValidator(TestSettings.hmacWith(Map.of("jwtguard.max-token-age", "8h")), CLOCK);
        String payload = validPayload().replace("}", ",\"iat\":" + iat + "}");

        assertThat(reasonOf(aged.validate(Tokens.raw("{\"alg\":\"HS256\"}", payload, Tokens.hs256()))))
                .isEqualTo(Reason.TOKEN_EXPIRED);
    }

    @Test
    void withoutAMaximumAgeAnOldIatIsFineWhileExpIsAhead() {
        String token = Tokens.valid(NOW).withIssuedAt(NOW.minus(Duration.ofDays(400))).sign(Tokens.hs256());

        assertThat(validate(token).kind()).isEqualTo(AuthenticationResult.Kind.AUTHENTICATED);
    }

    private static String validPayload() {
        return payload(NOW.plusSeconds(600));
    }

    private static String payload(Instant exp) {
        return "{\"sub\":\"a\",\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"exp\":"
                + exp.getEpochSecond() + "}";
    }

    @Test
    void anAudienceRefusalNamesTheAudiencesOfTheTokensOwnIssuer() {
        Map<String, String> values = new java.util.HashMap<>(TestSettings.hmacValues());
        values.put("jwtguard.issuers.partner.issuer", "https://partner.test");
        values.put("jwtguard.issuers.partner.audience", "partner-api");
        values.put("jwtguard.issuers.partner.key", TestKeys.HMAC_SECRET + "-partner");
        TokenValidator twoIssuers = new TokenValidator(TestSettings.load(values), CLOCK);
        String token = Tokens.valid(NOW).withIssuer("https://partner.test").withAudience("elsewhere")
                .sign(Algorithm.HMAC256(TestKeys.HMAC_SECRET + "-partner"));

        AuthenticationResult result = twoIssuers.validate(token);

        assertThat(result.failure().reason()).isEqualTo(Reason.AUDIENCE_MISMATCH);
        assertThat(result.failure().expected()).isEqualTo("expected audience [partner-api]");
    }

    @Test
    void aFailureRecordsWhichChecksRanAndWhichWereNeverReached() {
        String noSubWrongAudience = JWT.create().withIssuer(Tokens.ISSUER).withAudience("elsewhere")
                .withExpiresAt(NOW.plusSeconds(600)).sign(Tokens.hs256());

        Checks checks = validator.validate(noSubWrongAudience).checks();

        assertThat(checks.failed()).isEqualTo(Check.CLAIMS);
        assertThat(checks.status(Check.SIGNATURE)).isEqualTo(Checks.Status.PASSED);
        assertThat(checks.status(Check.ISSUER)).isEqualTo(Checks.Status.PASSED);
        assertThat(checks.status(Check.AUDIENCE)).isEqualTo(Checks.Status.NOT_REACHED);
        assertThat(checks.status(Check.LIFETIME)).isEqualTo(Checks.Status.NOT_REACHED);
        assertThat(validator.validate(Tokens.valid(NOW).sign(Tokens.hs256())).checks()).isEqualTo(Checks.ALL_PASSED);
    }
}
