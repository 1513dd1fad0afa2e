package io.jwtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.Tokens;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        config = DoctorTest.hmacConfiguration(dir);
    }

    private static DoctorTest.Run doctor(String token, String... more) {
        List<String> arguments = new ArrayList<>(List.of("doctor", "--config", config.toString(), "--token", token,
                "--at", AT.toString()));
        arguments.addAll(List.of(more));
        return DoctorTest.run(arguments);
    }

    @Test
    void aWeakSignInFailsTheAccessLineWithTheStepUpReasonAndFix() {
        String token = Tokens.valid(AT).withClaim("acr", "1").sign(Tokens.hs256());

        DoctorTest.Run run = doctor(token, "--acr", "2,gold");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[FAIL] 11. roles or policy - insufficient_user_authentication: the token's acr"
                + " '1' is not an authentication class this endpoint accepts (acr_values [2, gold])",
                "Fix: have the user sign in again", "Result: FAIL - the filter answers 401 insufficient_user_authentication");
    }

    @Test
    void aRecentSignInAtAnAcceptedLevelPasses() {
        String token = Tokens.valid(AT).withClaim("acr", "gold").withClaim("auth_time", AT.minusSeconds(30)
                .getEpochSecond()).sign(Tokens.hs256());

        DoctorTest.Run run = doctor(token, "--acr", "2,gold", "--max-age", "300");

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
        DoctorTest.Run run = doctor(Tokens.valid(AT).sign(Tokens.hs256()), "--max-age", "-3");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--max-age takes the seconds since the user signed in, 0 or more.");
    }
}
