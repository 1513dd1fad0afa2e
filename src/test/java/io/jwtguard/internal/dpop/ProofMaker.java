package io.jwtguard.internal.dpop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A DPoP client for unit tests: one key pair, proofs signed with the JDK's own algorithms, each part changeable so a
 * test can make every wrong proof. (The integration tests use an independent client; here the checks are pinned one by
 * one.) Not thread-safe.
 */
public final class ProofMaker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public final String algorithm;
    public final KeyPair keys;
    public final Map<String, Object> jwk;

    private ProofMaker(String algorithm, KeyPair keys, Map<String, Object> jwk) {
        this.algorithm = algorithm;
        this.keys = keys;
        this.jwk = jwk;
    }

    public static ProofMaker es256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            ECPublicKey key = (ECPublicKey) keys.getPublic();
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "EC");
            jwk.put("crv", "P-256");
            jwk.put("x", B64.encodeToString(fixed(key.getW().getAffineX(), 32)));
            jwk.put("y", B64.encodeToString(fixed(key.getW().getAffineY(), 32)));
            return new ProofMaker("ES256", keys, jwk);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    public static ProofMaker ed25519() {
        try {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = keys.getPublic().getEncoded();
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "OKP");
            jwk.put("crv", "Ed25519");
            jwk.put("x", B64.encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
            return new ProofMaker("EdDSA", keys, jwk);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The same key type under RFC 9864's fully specified name, as current DPoP clients send it. */
    public static ProofMaker ed25519FullySpecified() {
        ProofMaker eddsa = ed25519();
        return new ProofMaker("Ed25519", eddsa.keys, eddsa.jwk);
    }

    public static ProofMaker ps256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            RSAPublicKey key = (RSAPublicKey) keys.getPublic();
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("n", B64.encodeToString(unsigned(key.getModulus())));
            jwk.put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
            return new ProofMaker("PS256", keys, jwk);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The key's RFC 7638 thumbprint, as a bound token names it in {@code cnf.jkt}. */
    public String thumbprint() {
        try {
            return ProofKey.read(jwk, algorithm).thumbprint();
        } catch (ProofKey.Invalid e) {
            throw new AssertionError(e);
        }
    }

    /** A proof's parts, each a test may change before {@link #sign()}. */
    public Proof proof(String method, String url, String token, Instant iat) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "dpop+jwt");
        header.put("alg", algorithm);
        header.put("jwk", jwk);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("htm", method);
        claims.put("htu", url);
        claims.put("iat", iat.getEpochSecond());
        if (token != null) {
            claims.put("ath", ProofCheck.hash(token));
        }
        return new Proof(header, claims);
    }

    public final class Proof {
        final Map<String, Object> header;
        final Map<String, Object> claims;

        Proof(Map<String, Object> header, Map<String, Object> claims) {
            this.header = header;
            this.claims = claims;
        }

        public Proof claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        public Proof headerValue(String name, Object value) {
            if (value == null) {
                header.remove(name);
            } else {
                header.put(name, value);
            }
            return this;
        }

        /** Signed with this maker's private key under its algorithm (whatever the header's alg says). */
        public String sign() {
            try {
                String input = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                        + B64.encodeToString(JSON.writeValueAsBytes(claims));
                Signature signer = signer(algorithm);
                signer.initSign(keys.getPrivate());
                signer.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + B64.encodeToString(signer.sign());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Signature signer(String algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case "EdDSA", "Ed25519" -> Signature.getInstance("Ed25519");
            default -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
        };
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] bytes = unsigned(value);
        byte[] fixed = new byte[length];
        System.arraycopy(bytes, 0, fixed, length - bytes.length, bytes.length);
        return fixed;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
