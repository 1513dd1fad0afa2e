package io.jwtguard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    /** The least a configuration needs: a key, an issuer and an audience. */
    static Map<String, String> valid() {
        Map<String, String> values = new HashMap<>();
        values.put("jwtguard.key", SECRET);
        values.put("jwtguard.issuer", "https://issuer.test");
        values.put("jwtguard.audience", "api");
        return values;
    }

    static Settings load(Map<String, String> config) throws InvalidSettingsException {
        return SettingsLoader.load(SettingsSource.of(config), SettingsSource.empty(), SettingsLoaderTest.class.getClassLoader());
    }

    static List<String> problems(Map<String, String> config) {
        try {
            load(config);
        } catch (InvalidSettingsException e) {
            return e.problems();
        }
        throw new AssertionError("expected the settings to be refused");
    }

    static Map<String, String> with(String key, String value) {
        Map<String, String> values = valid();
        values.put(key, value);
        return values;
    }

    private static Map<String, String> without(String key) {
        Map<String, String> values = valid();
        values.remove(key);
        return values;
    }

    @Test
    void defaultsApply() throws InvalidSettingsException {
        Settings settings = load(valid());

        assertThat(settings.algorithms()).containsExactly(SignatureAlgorithm.HS256);
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.rolesClaim()).containsExactly("roles");
        assertThat(settings.nameClaim()).isEqualTo("sub");
        assertThat(settings.realm()).isEqualTo("jwtguard");
        assertThat(settings.maxTokenLength()).isEqualTo(8192);
        assertThat(settings.diagnostics()).isEqualTo(Settings.Diagnostics.PRODUCTION);
        assertThat(settings.fallback()).isEqualTo(Settings.Fallback.AUTHENTICATED);
        assertThat(settings.tokenLifetime()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void listsAreCommaSeparated() throws InvalidSettingsException {
        Settings settings = load(with("jwtguard.audience", " api , other ,"));

        assertThat(settings.audiences()).containsExactly("api", "other");
    }

    @Test
    void noKeyIsReportedWithTheFix() {
        assertThat(problems(without("jwtguard.key"))).singleElement().asString()
                .startsWith("jwtguard.key:").contains("JWTGUARD_KEY", "jwtguard.key.location");
    }

    @ParameterizedTest
    @CsvSource({"HS256,31,32", "HS384,47,48", "HS512,63,64"})
    void hmacKeyShorterThanTheAlgorithmNeedsIsRefused(String algorithm, int length, int needed) {
        Map<String, String> values = with("jwtguard.key", "k".repeat(length));
        values.put("jwtguard.algorithms", algorithm);

        assertThat(problems(values)).singleElement().asString()
                .contains(length + " bytes", "at least " + needed).doesNotContain("k".repeat(length));
    }

    @Test
    void base64KeysAreDecodedBeforeTheirLengthIsChecked() throws InvalidSettingsException {
        byte[] key = new byte[48];
        Map<String, String> values = with("jwtguard.key", Base64.getEncoder().encodeToString(key));
        values.put("jwtguard.key.encoding", "base64");
        values.put("jwtguard.algorithms", "HS384");

        assertThat(load(values).key().secret()).hasSize(48);
    }

    @Test
    void invalidBase64IsReportedWithoutTheValue() {
        Map<String, String> values = with("jwtguard.key", "%%%not-base64%%%");
        values.put("jwtguard.key.encoding", "base64url");

        assertThat(problems(values)).singleElement().asString().contains("not valid base64url")
                .doesNotContain("%%%not-base64%%%");
    }

    @Test
    void noneAndUnknownAlgorithmsAreRefused() {
        assertThat(problems(with("jwtguard.algorithms", "none,HS256,hs256,XS999")))
                .anySatisfy(p -> assertThat(p).contains("'none'"))
                .anySatisfy(p -> assertThat(p).contains("'hs256'", "case-sensitive"))
                .anySatisfy(p -> assertThat(p).contains("'XS999'"));
    }

    /** The same refusal, word for word, whether the issuer's keys are fixed or come from a JWKS. */
    @Test
    void noneIsRefusedAlikeForAFixedKeyAndForAJwks() {
        String refusal = "jwtguard.algorithms: 'none' means unsigned tokens anyone can forge; remove it";

        assertThat(problems(with("jwtguard.algorithms", "none,HS256"))).contains(refusal);
        assertThat(problems(jwks("jwtguard.algorithms", "NONE,RS256"))).containsExactly(refusal);
    }

    @Test
    void hmacAndPublicKeyAlgorithmsMixedAreRefused() {
        assertThat(problems(with("jwtguard.algorithms", "HS256,RS256"))).singleElement().asString().contains("mixed");
    }

    @Test
    void algorithmThatDoesNotFitTheKeyIsRefused() {
        assertThat(problems(with("jwtguard.algorithms", "RS256"))).singleElement().asString()
                .contains("RS256 needs an RSA public key");
    }

    @Test
    void missingIssuerAndAudienceAreBothReportedAtOnce() {
        Map<String, String> values = without("jwtguard.issuer");
        values.remove("jwtguard.audience");

        assertThat(problems(values)).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("jwtguard.issuer:"))
                .anySatisfy(p -> assertThat(p).startsWith("jwtguard.audience:"));
    }

    @Test
    void issuerCheckSwitchedOffExplicitlyIsAWarningNotAProblem() throws InvalidSettingsException {
        Map<String, String> values = without("jwtguard.issuer");
        values.put("jwtguard.issuer.validate", "false");

        Settings settings = load(values);

        assertThat(settings.issuers()).isEmpty();
        assertThat(settings.warnings()).anySatisfy(w -> assertThat(w).startsWith("jwtguard.issuer.validate=false"));
    }

    @ParameterizedTest
    @CsvSource({"60,60", "60s,60", "5m,300", "PT60S,60", "0,0", "PT1M30S,90"})
    void clockSkewAcceptsTheUsualSpellings(String value, long seconds) throws InvalidSettingsException {
        assertThat(load(with("jwtguard.clock-skew", value)).clockSkew()).hasSeconds(seconds);
    }

    @ParameterizedTest
    @CsvSource({"-5,negative", "301,over the 300s", "10m,over the 300s", "soon,not a duration"})
    void clockSkewOutOfBoundsIsRefused(String value, String message) {
        assertThat(problems(with("jwtguard.clock-skew", value))).singleElement().asString()
                .startsWith("jwtguard.clock-skew:").contains(message);
    }

    @Test
    void tokenTypeAndMaxTokenAgeAreOffByDefault() throws InvalidSettingsException {
        Settings settings = load(valid());

        assertThat(settings.tokenTypes()).isEmpty();
        assertThat(settings.maxTokenAge()).isEmpty();
    }

    @Test
    void tokenTypesAreNormalisedAsRfc7515ComparesThem() throws InvalidSettingsException {
        Settings settings = load(with("jwtguard.token.type", "application/AT+JWT, at+jwt , secevent+jwt"));

        assertThat(settings.tokenTypes()).containsExactly("at+jwt", "secevent+jwt");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"text/at+jwt", "at+jwt; charset=utf-8", "at jwt", "application/", "+jwt",
            "\"at+jwt\""})
    void tokenTypesThatCanNeverMatchAreRefused(String type) {
        assertThat(problems(with("jwtguard.token.type", type))).singleElement().asString()
                .startsWith("jwtguard.token.type: '" + type + "' is not a media type").contains("at+jwt (RFC 9068)");
    }

    @ParameterizedTest
    @CsvSource({"8h,28800", "15m,900", "PT1H,3600", "90,90", "1s,1"})
    void maxTokenAgeAcceptsTheUsualSpellings(String value, long seconds) throws InvalidSettingsException {
        assertThat(load(with("jwtguard.max-token-age", value)).maxTokenAge()).hasValueSatisfying(
                age -> assertThat(age).hasSeconds(seconds));
    }

    @ParameterizedTest
    @CsvSource({"0,at least 1s", "-5m,at least 1s", "500ms,at least 1s", "forever,not a duration"})
    void maxTokenAgeThatChecksNothingIsRefused(String value, String message) {
        assertThat(problems(with("jwtguard.max-token-age", value))).singleElement().asString()
                .startsWith("jwtguard.max-token-age:").contains(message);
    }

    @Test
    void expNotRequiredIsRefused() {
        assertThat(problems(with("jwtguard.token.require-exp", "false"))).singleElement().asString()
                .contains("valid forever");
    }

    @Test
    void everyProblemIsReportedInOneException() {
        Map<String, String> values = new HashMap<>();
        values.put("jwtguard.clock-skew", "1h");
        values.put("jwtguard.diagnostics", "verbose");

        assertThatThrownBy(() -> load(values))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("JwtGuard cannot start: 5 configuration problems")
                .hasMessageContainingAll("jwtguard.key:", "jwtguard.issuer:", "jwtguard.audience:",
                        "jwtguard.clock-skew:", "jwtguard.diagnostics:");
    }

    @Test
    void microProfileJwtKeysAreHonouredWhenJwtguardKeysAreAbsent(@TempDir Path dir) throws InvalidSettingsException {
        Map<String, String> values = new HashMap<>();
        values.put("mp.jwt.verify.issuer", "https://mp.test");
        values.put("mp.jwt.verify.audiences", "a,b");
        values.put("mp.jwt.verify.publickey.location", TestKeys.pemFile(dir, "k.pem", TestKeys.rsa(2048).getPublic()));
        values.put("mp.jwt.verify.publickey.algorithm", "RS384");
        values.put("mp.jwt.verify.clock.skew", "30");
        values.put("mp.jwt.token.cookie", "access_token");

        Settings settings = load(values);

        assertThat(settings.issuers()).containsExactly("https://mp.test");
        assertThat(settings.audiences()).containsExactly("a", "b");
        assertThat(settings.key().kind()).isEqualTo(KeyMaterial.Kind.RSA);
        assertThat(settings.algorithms()).containsExactly(SignatureAlgorithm.RS384);
        assertThat(settings.clockSkew()).hasSeconds(30);
        assertThat(settings.tokenCookie()).isEqualTo("access_token");
    }

    @Test
    void jwtguardKeysWinOverMicroProfileKeysWhichWinOverInitParams() throws InvalidSettingsException {
        Map<String, String> config = valid();
        config.put("mp.jwt.verify.issuer", "from-mp");
        config.put("mp.jwt.verify.audiences", "aud-from-mp");
        config.remove("jwtguard.audience");
        SettingsSource initParams = SettingsSource.of(Map.of("jwtguard.issuer", "from-init",
                "jwtguard.audience", "aud-from-init", "jwtguard.realm", "from-init"));

        Settings settings = SettingsLoader.load(SettingsSource.of(config), initParams, getClass().getClassLoader());

        assertThat(settings.issuers()).containsExactly("https://issuer.test");
        assertThat(settings.audiences()).containsExactly("aud-from-mp");
        assertThat(settings.realm()).isEqualTo("from-init");
    }

    @Test
    void keyAndKeyLocationTogetherAreRefused(@TempDir Path dir) {
        assertThat(problems(with("jwtguard.key.location", TestKeys.pemFile(dir, "k.pem",
                TestKeys.rsa(2048).getPublic())))).singleElement().asString().contains("keep only the one");
    }

    @Test
    void shortRsaKeysAreRefused(@TempDir Path dir) {
        Map<String, String> values = without("jwtguard.key");
        values.put("jwtguard.key.location", TestKeys.pemFile(dir, "k.pem", TestKeys.rsa(1024).getPublic()));

        assertThat(problems(values)).singleElement().asString().contains("1024 bits");
    }

    @Test
    void ecCurveMustMatchTheAlgorithm(@TempDir Path dir) {
        Map<String, String> values = without("jwtguard.key");
        values.put("jwtguard.key.location", TestKeys.pemFile(dir, "k.pem", TestKeys.ec("secp384r1").getPublic()));
        values.put("jwtguard.algorithms", "ES256");

        assertThat(problems(values)).singleElement().asString().contains("P-256");
    }

    @Test
    void certificatesAreReadFromTheClasspath(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("ks.p12");
        keytool("-genkeypair", "-alias", "jwt", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=jwtguard-test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "jwt", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", dir.resolve("certificate.pem").toString());
        Map<String, String> values = without("jwtguard.key");
        values.put("jwtguard.key.location", "classpath:/certificate.pem");

        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, null)) {
            Settings settings = SettingsLoader.load(SettingsSource.of(values), SettingsSource.empty(), loader);

            assertThat(settings.key().kind()).isEqualTo(KeyMaterial.Kind.EC);
            assertThat(settings.algorithms()).containsExactly(SignatureAlgorithm.ES256);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    @Test
    void unreadableKeyLocationNamesTheLocation() {
        Map<String, String> values = without("jwtguard.key");
        values.put("jwtguard.key.location", "file:/nonexistent/key.pem");

        assertThat(problems(values)).singleElement().asString().startsWith("jwtguard.key.location:")
                .contains("/nonexistent/key.pem");
    }

    @Test
    void garbagePemIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.pem");
        java.nio.file.Files.writeString(file, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
                StandardCharsets.US_ASCII);
        Map<String, String> values = without("jwtguard.key");
        values.put("jwtguard.key.location", "file:" + file);

        assertThat(problems(values)).singleElement().asString().contains("no usable public key");
    }

    @Test
    void settingsNeverPrintTheSecret() throws InvalidSettingsException {
        assertThat(load(valid()).toString()).doesNotContain(SECRET).contains("HMAC secret (32 bytes)");
    }

    @Test
    void corsIsOffUntilAnOriginIsAllowed() throws InvalidSettingsException {
        assertThat(load(valid()).cors().enabled()).isFalse();
        assertThat(load(with("jwtguard.cors.allowed-origins", "https://app.test")).cors().enabled()).isTrue();
    }

    @Test
    void corsWildcardWithCredentialsIsRefused() {
        Map<String, String> values = with("jwtguard.cors.allowed-origins", "*");
        values.put("jwtguard.cors.allow-credentials", "true");

        assertThat(problems(values)).singleElement().asString().startsWith("jwtguard.cors.allow-credentials:")
                .contains("'*'");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"https://app.test/", "https://app.test/path",
            "app.test", "https://app.test:443", "http://app.test:80", "https://*.test", "https://a*.app.test",
            "https://app.*.test", "null*", "https://*.null.test", "https://app.test:99999", "https://user@app.test",
            "^https://.*$"})
    void corsOriginsThatCanNeverMatchAreRefused(String origin) {
        assertThat(problems(with("jwtguard.cors.allowed-origins", origin))).singleElement().asString()
                .startsWith("jwtguard.cors.allowed-origins:");
    }

    @Test
    void corsAllowedHeadersWithoutAuthorizationIsAWarning() throws InvalidSettingsException {
        Map<String, String> values = with("jwtguard.cors.allowed-origins", "https://app.test");
        values.put("jwtguard.cors.allowed-headers", "Content-Type");

        assertThat(load(values).warnings()).anySatisfy(w -> assertThat(w).contains("does not include Authorization"));
    }

    @Test
    void corsOriginsAreNormalisedToLowerCase() throws InvalidSettingsException {
        assertThat(load(with("jwtguard.cors.allowed-origins", "https://App.Example.COM")).cors().origins())
                .containsExactly("https://app.example.com");
    }

    @Test
    void policiesAreReadFromEveryPart() throws InvalidSettingsException {
        Map<String, String> values = valid();
        values.put("jwtguard.policy.Auditors.roles", "Auditor, Controller");
        values.put("jwtguard.policy.Finance.claims.department", "finance");
        values.put("jwtguard.policy.Finance.scopes", "reports:read");
        values.put("jwtguard.policy.ReportReaders.any-of", "Auditors,Finance");

        Map<String, PolicyDefinition> policies = load(values).policies();

        assertThat(policies.get("Auditors").roles()).containsExactly("Auditor", "Controller");
        assertThat(policies.get("Finance").claims()).containsEntry("department", List.of("finance"));
        assertThat(policies.get("Finance").scopes()).containsExactly("reports:read");
        assertThat(policies.get("ReportReaders").anyOf()).containsExactly("Auditors", "Finance");
    }

    @Test
    void policyMistakesAreReported() {
        Map<String, String> values = valid();
        values.put("jwtguard.policy.A.role", "Admin");
        values.put("jwtguard.policy.B.any-of", "Nowhere");
        values.put("jwtguard.policy.C.any-of", "D");
        values.put("jwtguard.policy.D.any-of", "C");
        values.put("jwtguard.policy.E.roles", " ");

        assertThat(problems(values))
                .anySatisfy(p -> assertThat(p).startsWith("jwtguard.policy.A.role:").contains("unknown policy part"))
                .anySatisfy(p -> assertThat(p).contains("'Nowhere', which is not defined"))
                .anySatisfy(p -> assertThat(p).startsWith("jwtguard.policy.C.any-of:").contains("refers back"))
                .anySatisfy(p -> assertThat(p).startsWith("jwtguard.policy.E:").contains("requires nothing"));
    }

    private static Map<String, String> jwks(String key, String value) {
        Map<String, String> values = without("jwtguard.key");
        values.put("jwtguard.jwks.url", "https://idp.example.test/jwks");
        values.put(key, value);
        return values;
    }

    @Test
    void jwksDefaultsToRs256WithBoundedTimeouts() throws InvalidSettingsException {
        Settings settings = load(jwks("jwtguard.audience", "api"));

        assertThat(settings.algorithms()).containsExactly(SignatureAlgorithm.RS256);
        JwksSettings jwks = settings.primary().jwks().orElseThrow();
        assertThat(jwks.connectTimeout()).hasSeconds(2);
        assertThat(jwks.readTimeout()).hasSeconds(2);
        assertThat(jwks.cacheTtl()).hasMinutes(10);
        assertThat(jwks.minRefreshInterval()).hasSeconds(30);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @CsvSource({
            "jwtguard.jwks.url, http://idp.example.test/jwks, https URL",
            "jwtguard.jwks.url, ftp://idp.example.test/jwks, https URL",
            "jwtguard.jwks.url, http://127.attacker.example/keys, https URL",
            "jwtguard.jwks.url, http://127.0.0.1.nip.io/keys, https URL",
            "jwtguard.jwks.url, http://localhost.attacker.example/keys, https URL",
            "jwtguard.jwks.url, http://127.0.0.256/keys, https URL",
            "jwtguard.authority, http://127.0.0.1.nip.io, https URL",
            "jwtguard.jwks.connect-timeout, 0, must be positive",
            "jwtguard.jwks.read-timeout, 0s, must be positive",
            "jwtguard.jwks.read-timeout, 5m, under a minute",
            "jwtguard.algorithms, HS256, never publishes",
            "jwtguard.authority, https://idp.example.test, use one",
            "jwtguard.jwks.url, https://user:secret@idp.example.test/jwks, holds credentials"})
    void jwksMistakesAreReported(String key, String value, String message) {
        assertThat(problems(jwks(key, value))).anySatisfy(p -> assertThat(p).contains(message));
    }

    @Test
    void loopbackHttpIsAllowedForKeyServers() throws InvalidSettingsException {
        assertThat(load(jwks("jwtguard.jwks.url", "http://127.0.0.1:9999/jwks")).primary().jwks()).isPresent();
        assertThat(load(jwks("jwtguard.jwks.url", "http://localhost:9999/jwks")).primary().jwks()).isPresent();
        assertThat(load(jwks("jwtguard.jwks.url", "http://127.1.2.3:9999/jwks")).primary().jwks()).isPresent();
        assertThat(load(jwks("jwtguard.jwks.url", "http://[::1]:9999/jwks")).primary().jwks()).isPresent();
    }

    @Test
    void anAuthorityIsTheIssuerUnlessOneIsConfigured() throws InvalidSettingsException {
        Map<String, String> values = without("jwtguard.key");
        values.remove("jwtguard.issuer");
        values.put("jwtguard.authority", "https://idp.example.test/realms/demo");

        Settings settings = load(values);

        assertThat(settings.issuers()).containsExactly("https://idp.example.test/realms/demo");
        assertThat(settings.primary().jwks().orElseThrow().discoveryUrl()).hasValueSatisfying(uri ->
                assertThat(uri.toString()).isEqualTo("https://idp.example.test/realms/demo/.well-known/openid-configuration"));
    }

    @Test
    void aMicroProfileJwksLocationIsReadAsAJwksUrl() throws InvalidSettingsException {
        Map<String, String> values = without("jwtguard.key");
        values.put("mp.jwt.verify.publickey.location", "https://idp.example.test/certs");

        assertThat(load(values).primary().jwks().orElseThrow().jwksUrl())
                .hasValueSatisfying(uri -> assertThat(uri.toString()).isEqualTo("https://idp.example.test/certs"));
    }

    @Test
    void namedIssuersAreReadAndMustNotShareAnIss() {
        Map<String, String> values = valid();
        values.put("jwtguard.issuers.partner.issuer", "https://issuer.test");
        values.put("jwtguard.issuers.partner.audience", "api");
        values.put("jwtguard.issuers.partner.jwks.url", "https://partner.test/jwks");
        values.put("jwtguard.issuers.broken.issuer", "https://broken.test");
        values.put("jwtguard.issuers.broken.audience", "api");

        assertThat(problems(values))
                .anySatisfy(p -> assertThat(p).contains("'https://issuer.test' is already trusted by issuer 'default'"))
                .anySatisfy(p -> assertThat(p).startsWith("jwtguard.issuers.broken.key:").contains("no key"));
    }
}
