package io.jwtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor checks a step-up (--acr, --max-age) with the filter's own Authorizer, at the doctor's clock. */
class DoctorStepUpTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    static Path dir;
    private static Path config;

    @BeforeAll
    static void configuration() throws Exception {
        config = dir.resolve("jwtguard.properties");
        Files.writeString(config, "jwtguard.key=" + TestKeys.HMAC_SECRET + "\njwtguard.issuer=" + Tokens.ISSUER
                + "\njwtguard.audience=" + Tokens.AUDIENCE + "\n");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run doctor(String token, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("doctor", "--config", config.toString(), "--token", token,
                "--at", AT.toString()));
        arguments.addAll(List.of(more));
        int exit = Main.run(arguments.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWeakSignInFailsTheAccessLineWithTheStepUpReasonAndFix() {
        String token = Tokens.valid(AT).withClaim("acr", "1").sign(Tokens.hs256());

        Run run = doctor(token, "--acr", "2,gold");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[FAIL] 11. roles or policy - insufficient_user_authentication: the token's acr"
                + " '1' is not an authentication class this endpoint accepts (acr_values [2, gold])",
                "Fix: have the user sign in again", "Result: FAIL - the filter answers 401 insufficient_user_authentication");
    }

    @Test
    void aRecentSignInAtAnAcceptedLevelPasses() {
        String token = Tokens.valid(AT).withClaim("acr", "gold").withClaim("auth_time", AT.minusSeconds(30)
                .getEpochSecond()).sign(Tokens.hs256());

        Run run = doctor(token, "--acr", "2,gold", "--max-age", "300");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("[PASS] 11. roles or policy", "Result: PASS");
    }

    @Test
    void anOldSignInFailsAgainstTheDoctorsClock() {
        String token = Tokens.valid(AT).withClaim("auth_time", AT.minusSeconds(3600).getEpochSecond())
                .sign(Tokens.hs256());

        assertThat(doctor(token, "--max-age", "300").out()).contains("insufficient_user_authentication: the user signed"
                + " in at 2026-11-28T09:00:00Z (auth_time)");
    }

    @Test
    void aNegativeMaxAgeIsAUsageError() {
        Run run = doctor(Tokens.valid(AT).sign(Tokens.hs256()), "--max-age", "-3");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--max-age takes the seconds since the user signed in, 0 or more.");
    }
}
