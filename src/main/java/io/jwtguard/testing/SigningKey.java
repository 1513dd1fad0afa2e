package io.jwtguard.testing;

import com.auth0.jwt.algorithms.Algorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** One key of one kind: the secret or key pair, how it signs, and how it is written for JwtGuard. Immutable. */
record SigningKey(Kind kind, byte[] secret, KeyPair pair) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The three kinds of key; each knows its algorithm and how its key pair is made. */
    enum Kind {
        HMAC("HS256"), RSA("RS256"), EC("ES256");

        final String algorithm;

        Kind(String algorithm) {
            this.algorithm = algorithm;
        }
    }

    static SigningKey generate(Kind kind) {
        try {
            return switch (kind) {
                case HMAC -> {
                    byte[] secret = new byte[32];
                    RANDOM.nextBytes(secret);
                    yield new SigningKey(kind, secret, null);
                }
                case RSA -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    yield new SigningKey(kind, null, generator.generateKeyPair());
                }
                case EC -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    yield new SigningKey(kind, null, generator.generateKeyPair());
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate a " + kind + " key", e);
        }
    }

    Algorithm algorithm() {
        return switch (kind) {
            case HMAC -> Algorithm.HMAC256(secret);
            case RSA -> Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
            case EC -> Algorithm.ECDSA256((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
        };
    }

    String secretBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** RFC 7517 §4 / RFC 7518 §6: the public key only. */
    String jwk(String kid, String alg) {
        String common = "\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"" + alg + "\"";
        if (pair.getPublic() instanceof RSAPublicKey key) {
            return "{\"kty\":\"RSA\"," + common + ",\"n\":\"" + unsigned(key.getModulus(), 0) + "\",\"e\":\""
                    + unsigned(key.getPublicExponent(), 0) + "\"}";
        }
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        return "{\"kty\":\"EC\"," + common + ",\"crv\":\"P-256\",\"x\":\"" + unsigned(key.getW().getAffineX(), 32)
                + "\",\"y\":\"" + unsigned(key.getW().getAffineY(), 32) + "\"}";
    }

    /** Big-endian without a sign byte, left-padded to {@code size} bytes when given (RFC 7518 §6.2.1.2). */
    private static String unsigned(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        int length = Math.max(raw.length - start, size);
        byte[] bytes = new byte[length];
        System.arraycopy(raw, start, bytes, length - (raw.length - start), raw.length - start);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
