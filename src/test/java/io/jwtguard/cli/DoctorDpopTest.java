package io.jwtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.internal.dpop.ProofMaker;
import io.jwtguard.testing.Tokens;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor with a DPoP proof: each check of RFC 9449 one line, the store's two checks said to be skipped. */
class DoctorDpopTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");
    private static final String URL = "https://api.example.com/orders";

    @TempDir
    static Path dir;
    private static Path config;
    private final ProofMaker client = ProofMaker.es256();

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

    private String boundToken() {
        return Tokens.valid(AT).withClaim("cnf", Map.of("jkt", client.thumbprint())).sign(Tokens.hs256());
    }

    @Test
    void aGoodProofPassesEveryCheckTheDoctorCanMake() {
        String token = boundToken();
        DoctorTest.Run run = doctor(token, "--dpop-proof", client.proof("POST", URL, token, AT).sign(), "--url", URL + "?page=2",
                "--method", "POST");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[PASS] P1. DPoP: one DPoP header", "[PASS] P5. DPoP: signature",
                "[PASS] P9. DPoP: iat within max-age", "[PASS] P11. DPoP: cnf.jkt is the key's thumbprint",
                "[SKIP] P12. DPoP: jti not seen before - not checked here", "Result: PASS");
    }

    @Test
    void aThiefsProofFailsAtTheBindingWithItsFix() {
        String token = boundToken();
        DoctorTest.Run run = doctor(token, "--dpop-proof", ProofMaker.es256().proof("GET", URL, token, AT).sign(), "--url", URL);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[FAIL] P11. DPoP: cnf.jkt is the key's thumbprint - dpop_key_mismatch",
                "Fix: sign the proof with the key the token was issued for",
                "Result: FAIL - the filter answers 401 dpop_key_mismatch");
    }

    @Test
    void aBoundTokenWithoutAProofIsTheDowngradeAndUsageMistakesAreSaid() {
        DoctorTest.Run bearer = doctor(boundToken());
        assertThat(bearer.exit()).isEqualTo(1);
        assertThat(bearer.out()).contains("dpop_bound_token_as_bearer");
        DoctorTest.Run noUrl = doctor(boundToken(), "--dpop-proof", "x");
        assertThat(noUrl.exit()).isEqualTo(2);
        assertThat(noUrl.err()).contains("--dpop-proof needs --url");
        DoctorTest.Run urlAlone = doctor(boundToken(), "--url", URL);
        assertThat(urlAlone.exit()).isEqualTo(2);
        assertThat(urlAlone.err()).contains("--url and --method go with --dpop-proof");
    }
}
