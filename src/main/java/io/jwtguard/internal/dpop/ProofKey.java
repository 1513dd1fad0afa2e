package io.jwtguard.internal.dpop;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The public key a proof carries in its {@code jwk} header (RFC 9449 §4.2), read for the proof's algorithm, and its
 * RFC 7638 thumbprint, which a bound token names in {@code cnf.jkt}. Only public JWKs of the key type the algorithm
 * needs are read: a JWK with any private member is refused, since a client that sends its private key proves nothing.
 * Immutable.
 */
record ProofKey(PublicKey key, String thumbprint) {

    /** Members that only a private JWK holds (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2). */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    /** RSA keys shorter than this are refused, as for tokens. */
    private static final int MIN_RSA_BITS = 2048;
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the 32-byte key. */
    private static final byte[] ED25519_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** The same for Ed448, before the 57-byte key. */
    private static final byte[] ED448_PREFIX = {0x30, 0x43, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x03, 0x3a, 0x00};

    /** The three curves' domain parameters, looked up once: the JDK's lookup costs more than reading a key. */
    private static final Map<String, ECParameterSpec> CURVES = Map.of("P-256", curve("secp256r1"), "P-384",
            curve("secp384r1"), "P-521", curve("secp521r1"));

    private static ECParameterSpec curve(String name) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has the curve " + name, e);
        }
    }

    /** Why a {@code jwk} could not be read; its message is safe to show the client. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The key of {@code jwk} for {@code algorithm} (one of the supported JOSE names).
     *
     * @throws Invalid when it is missing, private, of another type or curve than the algorithm's, or unreadable
     */
    static ProofKey read(Map<String, Object> jwk, String algorithm) throws Invalid {
        if (jwk == null) {
            throw new Invalid("the proof has no jwk header with its public key");
        }
        for (String member : PRIVATE_MEMBERS) {
            if (jwk.containsKey(member)) {
                throw new Invalid("the proof's jwk holds a private key member ('" + member + "'); send the public key only");
            }
        }
        String kty = text(jwk, "kty");
        try {
            if (algorithm.startsWith("ES")) {
                return ec(jwk, kty, algorithm);
            }
            if (algorithm.startsWith("RS") || algorithm.startsWith("PS")) {
                return rsa(jwk, kty);
            }
            return okp(jwk, kty, algorithm);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Invalid("the proof's jwk is no usable " + algorithm + " public key");
        }
    }

    private static ProofKey ec(Map<String, Object> jwk, String kty, String algorithm)
            throws Invalid, GeneralSecurityException {
        String crv = text(jwk, "crv");
        String expected = switch (algorithm) {
            case "ES256" -> "P-256";
            case "ES384" -> "P-384";
            default -> "P-521";
        };
        if (!"EC".equals(kty) || !expected.equals(crv)) {
            throw new Invalid("the proof's jwk is not an EC " + expected + " key, which " + algorithm + " needs");
        }
        String x = text(jwk, "x");
        String y = text(jwk, "y");
        ECParameterSpec curve = CURVES.get(crv);
        int size = (curve.getCurve().getField().getFieldSize() + 7) / 8;
        byte[] xBytes = decode(x);
        byte[] yBytes = decode(y);
        if (xBytes.length != size || yBytes.length != size) {
            throw new Invalid("the proof's jwk coordinates are not " + size + " bytes long, as " + crv + " needs");
        }
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new ECPoint(new BigInteger(1, xBytes), new BigInteger(1, yBytes)), curve));
        return new ProofKey(key, thumbprint("{\"crv\":\"" + crv + "\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}"));
    }

    private static ProofKey rsa(Map<String, Object> jwk, String kty) throws Invalid, GeneralSecurityException {
        if (!"RSA".equals(kty)) {
            throw new Invalid("the proof's jwk is not an RSA key, which its algorithm needs");
        }
        String n = text(jwk, "n");
        String e = text(jwk, "e");
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(new BigInteger(1, decode(n)), new BigInteger(1, decode(e))));
        if (key.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new Invalid("the proof's RSA key has " + key.getModulus().bitLength() + " bits; use at least "
                    + MIN_RSA_BITS);
        }
        return new ProofKey(key, thumbprint("{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}"));
    }

    /** {@code EdDSA} takes either curve; RFC 9864's {@code Ed25519} and {@code Ed448} take only their own. */
    private static ProofKey okp(Map<String, Object> jwk, String kty, String algorithm)
            throws Invalid, GeneralSecurityException {
        String crv = text(jwk, "crv");
        boolean curveFits = "EdDSA".equals(algorithm) ? "Ed25519".equals(crv) || "Ed448".equals(crv)
                : algorithm.equals(crv);
        if (!"OKP".equals(kty) || !curveFits) {
            throw new Invalid("the proof's jwk is not an OKP " + ("EdDSA".equals(algorithm) ? "Ed25519 or Ed448"
                    : algorithm) + " key, which " + algorithm + " needs");
        }
        String x = text(jwk, "x");
        byte[] raw = decode(x);
        byte[] prefix = "Ed25519".equals(crv) ? ED25519_PREFIX : ED448_PREFIX;
        int length = "Ed25519".equals(crv) ? 32 : 57;
        if (raw.length != length) {
            throw new Invalid("the proof's " + crv + " key is not " + length + " bytes long");
        }
        byte[] encoded = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, encoded, 0, prefix.length);
        System.arraycopy(raw, 0, encoded, prefix.length, raw.length);
        PublicKey key = KeyFactory.getInstance(crv).generatePublic(new X509EncodedKeySpec(encoded));
        return new ProofKey(key, thumbprint("{\"crv\":\"" + crv + "\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}"));
    }

    /**
     * A required member's value: a base64url string (so it can be written into the thumbprint's JSON as it is), or
     * a text member such as {@code kty}, {@code crv} that must be one of the known names.
     */
    private static String text(Map<String, Object> jwk, String member) throws Invalid {
        if (!(jwk.get(member) instanceof String value) || value.isEmpty()) {
            throw new Invalid("the proof's jwk has no '" + member + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_';
            if (!allowed) {
                throw new Invalid("the proof's jwk member '" + member + "' is not base64url text");
            }
        }
        return value;
    }

    private static byte[] decode(String base64url) {
        return Base64.getUrlDecoder().decode(base64url);
    }

    /** RFC 7638 §3: the base64url SHA-256 of the required members, in lexicographic order, without white space. */
    private static String thumbprint(String canonicalJson) throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }
}
