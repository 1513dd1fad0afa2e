package io.jwtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor prints what the authenticator itself recorded: a check it never reached is SKIP, never PASS,
 * whatever the reason code (the checklist is not inferred from it).
 */
class DoctorTest {

    @TempDir
    static Path dir;
    private static Path config;

    @BeforeAll
    static void configuration() throws Exception {
        config = hmacConfiguration(dir);
    }

    /** A configuration file in {@code dir} for the test issuer, audience and HMAC secret. */
    /** What one run of the command line answered. */
    record Run(int exit, String out, String err) {
    }

    /** The command line run with {@code arguments}, its output captured. */
    static Run run(java.util.List<String> arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(arguments.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), java.util.Map.of());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path hmacConfiguration(Path dir) throws java.io.IOException {
        Path file = dir.resolve("jwtguard.properties");
        Files.writeString(file, "jwtguard.key=" + TestKeys.HMAC_SECRET + "\njwtguard.issuer=" + Tokens.ISSUER
                + "\njwtguard.audience=" + Tokens.AUDIENCE + "\n");
        return file;
    }

    private static String doctor(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"doctor", "--config", config.toString(), "--token", token},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err).isEqualTo(printed.contains("Result: PASS") ? 0 : 1);
        return printed;
    }

    private static JWTCreator.Builder valid() {
        return Tokens.valid(Instant.now());
    }

    /** Roles the provider put under another claim: the doctor names that claim and the one setting to change. */
    @Test
    void rolesUnderAnotherClaimAreNamedWithTheSettingThatFindsThem() {
        String token = valid().withClaim("groups", java.util.List.of("Admin")).sign(Tokens.hs256());

        String out = doctorWith(token, "--roles", "Admin");

        assertThat(out).contains("[FAIL] 11. roles or policy", "insufficient_role",
                "Why: roles are read from [roles], and the token also has a 'groups' claim: if the roles are there,"
                        + " set jwtguard.roles.claim=groups");
    }

    /** An unknown policy is the command's mistake, said before any check runs. */
    @Test
    void anUnknownPolicyIsRefusedBeforeAnyCheck() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"doctor", "--config", config.toString(), "--token", valid().sign(Tokens.hs256()),
                "--policy", "NoSuchPolicy"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("[PASS]", "[FAIL]");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No policy 'NoSuchPolicy'");
    }

    private static String doctorWith(String token, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("doctor", "--config",
                config.toString(), "--token", token));
        arguments.addAll(java.util.List.of(more));
        Main.run(arguments.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The issuer kept the newline a file left after the secret: the doctor names that reading, not only the failure. */
    @Test
    void aSecretReadAnotherWayIsNamedWithItsFix() {
        String token = valid().sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(
                (TestKeys.HMAC_SECRET + "\n").getBytes(StandardCharsets.UTF_8)));

        String out = doctor(token);

        assertThat(out).contains("[FAIL] 7. signature verifies", "invalid_signature",
                "Why: the token verifies with the configured secret as text with a trailing newline: the token's"
                        + " issuer signs with a newline after the secret");
    }

    @Test
    void aWrongAudienceAndNoSubjectFailAtTheFirstCheckAndTheAudienceIsNeverSaidToPass() {
        String token = JWT.create().withIssuer(Tokens.ISSUER).withAudience("someone-else")
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Tokens.hs256());

        String out = doctor(token);

        assertThat(out).contains("[PASS] 7. signature verifies", "[FAIL] 8. required claims present",
                "missing_required_claim", "[SKIP] 9. audience accepted", "[SKIP] 10. not expired",
                "[SKIP] 11. roles or policy", "Result: FAIL - the filter answers 401 missing_required_claim");
        assertThat(out).doesNotContain("[PASS] 9.", "[PASS] 10.");
    }

    @Test
    void anExpiredTokenForAnotherAudienceFailsOnTheAudienceWhichJavaJwtChecksFirst() {
        String token = valid().withAudience("someone-else").withExpiresAt(Instant.now().minusSeconds(3600))
                .sign(Tokens.hs256());

        String out = doctor(token);

        assertThat(out).contains("[PASS] 8.", "[FAIL] 9. audience accepted", "[SKIP] 10. not expired")
                .doesNotContain("token_expired");
    }

    @Test
    void eachStepFailsWhereTheFilterFailsAndLaterStepsAreNotReached() {
        Map<String, String> failingAt = Map.of(
                "2. token is a JWT", "not-a-jwt",
                "3. algorithm allowed", valid().sign(com.auth0.jwt.algorithms.Algorithm.HMAC384(
                        TestKeys.HMAC_SECRET + TestKeys.HMAC_SECRET)),
                "4. header has no 'crit'", valid().withHeader(Map.of("crit", List.of("exp"))).sign(Tokens.hs256()),
                "5. issuer trusted", valid().withIssuer("https://elsewhere.test").sign(Tokens.hs256()),
                "7. signature verifies", valid().sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(
                        "another-secret-0123456789-0123456789")),
                "10. not expired", valid().withExpiresAt(Instant.now().minusSeconds(3600)).sign(Tokens.hs256()));

        failingAt.forEach((step, token) -> {
            String out = doctor(token);
            int number = Integer.parseInt(step.substring(0, step.indexOf('.')));

            assertThat(out).as(step).contains("[FAIL] " + step);
            for (int later = number + 1; later <= 10; later++) {
                assertThat(out).as(step).doesNotContain("[PASS] " + later + ".");
            }
            for (int earlier = 1; earlier < number; earlier++) {
                assertThat(out).as(step).doesNotContain("[FAIL] " + earlier + ".");
            }
        });
    }

    @Test
    void aGoodTokenPassesEveryCheckTheAuthenticatorMade() {
        String out = doctor(valid().sign(Tokens.hs256()));

        for (int step = 1; step <= 10; step++) {
            assertThat(out).contains("[PASS] " + step + ".");
        }
        assertThat(out).contains("[SKIP] 11. roles or policy - not checked: no --roles or --policy given",
                "Result: PASS");
    }

    @Test
    void aRolesStringWithCommasIsShownQuotedAsTheOneRoleItIs() {
        String out = doctor(valid().withClaim("roles", "User,Admin").sign(Tokens.hs256()));

        assertThat(out).contains("with roles ['User,Admin']", "the token's 'roles' claim is one string, which is one"
                + " role ('User,Admin'); send several roles as a JSON array of strings");
    }

    @Test
    void scopesAreCheckedLikeTheFiltersRuleWithTheirOwnReasonAndFix() {
        String token = valid().withClaim("scope", "mcp:tools").sign(Tokens.hs256());

        String missing = doctorWith(token, "--scopes", "mcp:tools,mcp:prompts");
        String granted = doctorWith(token, "--scopes", "mcp:tools");

        assertThat(missing).contains("[FAIL] 11. roles or policy - insufficient_scope: the token lacks the scope"
                + " mcp:prompts", "Fix: request a token with every scope", "Result: FAIL - the filter answers 403"
                + " insufficient_scope");
        assertThat(granted).contains("[PASS] 11. roles or policy", "Result: PASS");
    }
}
