package io.jwtguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as users run it: {@code java -jar} on the built {@code -all} jar, a separate process. */
class CliIT {

    private static final String SECRET = "cli-test-secret-0123456789-abcdefgh";

    @TempDir
    static Path dir;
    private static Path config;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    static void writeConfig() throws IOException {
        config = dir.resolve("app.properties");
        Files.writeString(config, String.join("\n", "jwtguard.issuer=https://cli.test", "jwtguard.audience=cli-api",
                "jwtguard.policy.Auditors.roles=Auditor", ""), StandardCharsets.UTF_8);
    }

    static Run run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("jwtguard.all.jar", "target/jwt-guard-0.1.0-SNAPSHOT-all.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("JWTGUARD_"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Run run(String... args) throws Exception {
        return run(Map.of("JWTGUARD_KEY", SECRET), args);
    }

    private static String token(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("token", "--config", config.toString()));
        args.addAll(List.of(extra));
        Run minted = run(args.toArray(String[]::new));
        assertThat(minted.exit()).as(minted.err()).isZero();
        return minted.out().strip();
    }

    private static Run doctor(String token, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("doctor", "--config", config.toString(), "--token", token));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"doctor", "token", "check-config"})
    void everyCommandHasHelp(String command) throws Exception {
        Run help = run(command, "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar jwt-guard-all.jar " + command).contains("Exit codes");
    }

    @Test
    void usageMistakesExitWith2() throws Exception {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("doctor", "--config", config.toString()).exit()).isEqualTo(2);
        assertThat(run("token", "--config", config.toString(), "--colour", "red").err()).contains("Unknown option --colour");
        assertThat(run("check-config", "--config", dir.resolve("missing.properties").toString()).exit()).isEqualTo(2);
    }

    @Test
    void checkConfigPassesAndFailsWithTheFixNeverPrintingTheSecret() throws Exception {
        Run ok = run("check-config", "--config", config.toString());
        Run bad = run(Map.of("JWTGUARD_KEY", "short-secret", "JWTGUARD_CLOCK_SKEW", "1h"),
                "check-config", "--config", config.toString());

        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).startsWith("OK: the configuration starts.").doesNotContain(SECRET);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("JwtGuard cannot start: 2 configuration problems", "openssl rand",
                "jwtguard.clock-skew").doesNotContain("short-secret");
    }

    @Test
    void checkConfigRefusesAMisspeltKeyOrVariableNamingTheOneThatWorks() throws Exception {
        Path misspelt = dir.resolve("misspelt.properties");
        Files.writeString(misspelt, Files.readString(config) + "jwtguard.roles.claims=groups\n", StandardCharsets.UTF_8);

        Run bad = run(Map.of("JWTGUARD_KEY", SECRET, "JWTGUARD_AUDIANCE", "cli-api"), "check-config", "--config",
                misspelt.toString());

        assertThat(bad.exit()).as(bad.all()).isEqualTo(1);
        assertThat(bad.err()).contains("JwtGuard cannot start: 2 configuration problems",
                "JWTGUARD_AUDIANCE: no such setting (environment variable), so it would be ignored; did you mean"
                        + " JWTGUARD_AUDIENCE?",
                "jwtguard.roles.claims: no such setting (property), so it would be ignored; did you mean"
                        + " jwtguard.roles.claim?");
    }

    @Test
    void aGoodTokenPassesEveryStep() throws Exception {
        Run result = doctor(token("--sub", "ann", "--role", "Auditor"), "--policy", "Auditors");

        assertThat(result.exit()).as(result.all()).isZero();
        assertThat(result.out()).contains("[PASS] 1.", "[PASS] 3.", "[PASS] 10.", "[PASS] 11. roles or policy", "Result: PASS")
                .doesNotContain("[FAIL]");
    }

    @Test
    void eachChecklistFailureNamesItsReasonAndFix() throws Exception {
        String wrongKey = JWT.create().withIssuer("https://cli.test").withAudience("cli-api").withSubject("x")
                .withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("another-secret-0123456789-0123456789"));
        String hs384 = JWT.create().withIssuer("https://cli.test").withAudience("cli-api").withSubject("x")
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC384(SECRET + SECRET));
        String noSub = JWT.create().withIssuer("https://cli.test").withAudience("cli-api")
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256(SECRET));

        expectFailure(run("doctor", "--config", config.toString(), "--header", "Authorization: Basic YTpi"),
                "[FAIL] 1.", "unsupported_scheme");
        expectFailure(doctor("not-a-jwt"), "[FAIL] 2.", "malformed_token");
        expectFailure(doctor(hs384), "[FAIL] 3.", "algorithm_not_allowed");
        expectFailure(doctor(wrongKey), "[FAIL] 7.", "invalid_signature");
        expectFailure(doctor(token("--expired")), "[FAIL] 10.", "token_expired");
        expectFailure(doctor(token("--wrong-issuer")), "[FAIL] 5.", "issuer_mismatch");
        expectFailure(doctor(token("--wrong-audience")), "[FAIL] 9.", "audience_mismatch");
        expectFailure(doctor(noSub), "[FAIL] 8.", "missing_required_claim");
        expectFailure(doctor(token("--role", "User"), "--roles", "Admin"), "[FAIL] 11.", "insufficient_role");
        expectFailure(doctor(token("--role", "User"), "--policy", "Auditors"), "[FAIL] 11.", "policy_failed");
    }

    @Test
    void doctorAtAnInstantUsesThatClock() throws Exception {
        String token = token("--valid-for", "5m");

        expectFailure(doctor(token, "--at", Instant.now().plusSeconds(3600).toString()), "[FAIL] 10.", "token_expired");
        expectFailure(doctor(token, "--at", Instant.now().minusSeconds(3600).toString()), "[FAIL] 10.",
                "token_not_yet_valid");
    }

    @Test
    void tokenSignsWithAPrivateKeyWhenTheConfigurationVerifiesWithAPublicOne() throws Exception {
        KeyPair keys = TestKeys.rsa(2048);
        Path rsaConfig = dir.resolve("rsa.properties");
        Files.writeString(rsaConfig, "jwtguard.issuer=https://cli.test\njwtguard.audience=cli-api\n"
                + "jwtguard.key.location=" + TestKeys.pemFile(dir, "public.pem", keys.getPublic()) + "\n");
        String privatePem = TestKeys.pemFile(dir, "private.pem", keys.getPrivate()).substring("file:".length());

        Run without = run(Map.of(), "token", "--config", rsaConfig.toString());
        Run with = run(Map.of(), "token", "--config", rsaConfig.toString(), "--private-key", privatePem, "--sub", "rs");

        assertThat(without.exit()).isEqualTo(1);
        assertThat(without.err()).contains("--private-key");
        assertThat(with.exit()).as(with.err()).isZero();
        Run doctor = run(Map.of(), "doctor", "--config", rsaConfig.toString(), "--token", with.out().strip());
        assertThat(doctor.exit()).as(doctor.all()).isZero();
        assertThat(JWT.decode(with.out().strip()).getAlgorithm()).isEqualTo("RS256");
    }

    private static void expectFailure(Run run, String line, String reason) {
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).as(run.all()).contains(line).contains(reason).contains("Fix: ")
                .contains("Result: FAIL").doesNotContain(SECRET);
    }
}
