package io.jwtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.testing.TestKeys;
import io.jwtguard.testing.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Minting with a private key: only the pair of the public key tokens are verified with. */
class TokenCommandTest {

    @TempDir
    Path dir;

    private int token(KeyPair verifying, KeyPair signing, ByteArrayOutputStream out, ByteArrayOutputStream err)
            throws Exception {
        Path config = dir.resolve("jwtguard.properties");
        Files.writeString(config, "jwtguard.key.location=" + TestKeys.pemFile(dir, "public.pem", verifying.getPublic())
                + "\njwtguard.issuer=" + Tokens.ISSUER + "\njwtguard.audience=" + Tokens.AUDIENCE + "\n");
        String privateKey = TestKeys.pemFile(dir, "private.pem", signing.getPrivate()).substring("file:".length());
        return Main.run(new String[] {"token", "--config", config.toString(), "--private-key", privateKey, "--sub", "alice"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
    }

    @Test
    void aPrivateKeyThatIsNotThePairOfTheConfiguredPublicKeyIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = token(TestKeys.rsa(2048), TestKeys.rsa(2048), out, err);

        assertThat(exit).isEqualTo(Main.FAIL);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("jwtguard.signing.key.location",
                "is not the pair of the public key tokens are verified with", "invalid_signature");
    }

    @Test
    void theMatchingPrivateKeyMintsAToken() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = token(pair, pair, out, err);

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }
}
