package io.jwtguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proof's {@code jwk}: only public keys of the algorithm's type, and their RFC 7638 thumbprints. */
class ProofKeyTest {

    /** RFC 7638 §3.1's example key and thumbprint. */
    private static final Map<String, Object> RFC7638 = Map.of("kty", "RSA", "e", "AQAB", "alg", "RS256", "kid",
            "2011-04-29", "n", "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPe"
                    + "bWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMi"
                    + "cAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XP"
                    + "ksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw");

    @Test
    void theThumbprintIsRfc7638sOwnExample() throws Exception {
        assertThat(ProofKey.read(RFC7638, "PS256").thumbprint()).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @Test
    void theThumbprintIgnoresMembersOutsideTheRequiredOnesAndTheirOrder() throws Exception {
        ProofMaker ec = ProofMaker.es256();
        Map<String, Object> reordered = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        reordered.putAll(ec.jwk);
        reordered.put("use", "sig");
        assertThat(ProofKey.read(reordered, "ES256").thumbprint()).isEqualTo(ec.thumbprint());
    }

    @Test
    void aPrivateMemberAWrongTypeOrCurveAndAShortRsaKeyAreRefusedWithAReasonForTheClient() throws Exception {
        Map<String, Object> withD = new HashMap<>(ProofMaker.ed25519().jwk);
        withD.put("d", "AAAA");
        assertThatThrownBy(() -> ProofKey.read(withD, "EdDSA")).hasMessageContaining("private key member ('d')");
        assertThatThrownBy(() -> ProofKey.read(ProofMaker.es256().jwk, "ES384")).hasMessageContaining("EC P-384");
        assertThatThrownBy(() -> ProofKey.read(ProofMaker.es256().jwk, "RS256")).hasMessageContaining("RSA");
        assertThatThrownBy(() -> ProofKey.read(ProofMaker.ed25519().jwk, "ES256")).hasMessageContaining("EC P-256");
        assertThatThrownBy(() -> ProofKey.read(ProofMaker.ed25519().jwk, "Ed448"))
                .hasMessageContaining("not an OKP Ed448 key, which Ed448 needs");
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        java.security.interfaces.RSAPublicKey small = (java.security.interfaces.RSAPublicKey) rsa.generateKeyPair().getPublic();
        byte[] modulus = small.getModulus().toByteArray();
        String n = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.util.Arrays.copyOfRange(modulus, modulus[0] == 0 ? 1 : 0, modulus.length));
        assertThatThrownBy(() -> ProofKey.read(Map.of("kty", "RSA", "e", "AQAB", "n", n), "RS256"))
                .hasMessageContaining("1024 bits; use at least 2048");
        Map<String, Object> quoted = new HashMap<>(ProofMaker.es256().jwk);
        quoted.put("x", "a\",\"kty\":\"x");
        assertThatThrownBy(() -> ProofKey.read(quoted, "ES256")).hasMessageContaining("not base64url");
        assertThatThrownBy(() -> ProofKey.read(null, "ES256")).hasMessageContaining("no jwk");
    }
}
