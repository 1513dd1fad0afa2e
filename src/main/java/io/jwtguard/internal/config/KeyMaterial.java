package io.jwtguard.internal.config;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * The key tokens are verified with, as configured: an HMAC secret or a public key. Immutable; the
 * secret is copied in and out and never appears in {@link #toString()}.
 */
public final class KeyMaterial {

    /** The kind of key, which decides which algorithms can use it. */
    public enum Kind { HMAC, RSA, EC }

    /**
     * The configured secret read another way than the configuration says: as text where it says Base64, as
     * Base64 where it says text, without the white space around it. Only to name a likely mix-up when a signature
     * does not verify; never used to accept a token.
     *
     * @param reading how it was read, e.g. "read as base64"
     * @param fix the setting that would make this the reading, e.g. "set JWTGUARD_KEY_ENCODING=base64"
     */
    public record OtherReading(String reading, String fix, byte[] secret) {
        public OtherReading {
            secret = secret.clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        /** Never shows the secret. */
        @Override
        public String toString() {
            return "OtherReading[" + reading + "]";
        }
    }

    private final Kind kind;
    private final byte[] secret;
    private final PublicKey publicKey;
    private final java.util.List<OtherReading> otherReadings;

    private KeyMaterial(Kind kind, byte[] secret, PublicKey publicKey, java.util.List<OtherReading> otherReadings) {
        this.kind = kind;
        this.secret = secret;
        this.publicKey = publicKey;
        this.otherReadings = java.util.List.copyOf(otherReadings);
    }

    static KeyMaterial hmac(byte[] secret) {
        return hmac(secret, java.util.List.of());
    }

    static KeyMaterial hmac(byte[] secret, java.util.List<OtherReading> otherReadings) {
        return new KeyMaterial(Kind.HMAC, secret.clone(), null, otherReadings);
    }

    /** The secret's other readings, for naming a mix-up; empty for a public key. */
    public java.util.List<OtherReading> otherReadings() {
        return otherReadings;
    }

    static KeyMaterial publicKey(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return new KeyMaterial(Kind.RSA, null, key, java.util.List.of());
        }
        if (key instanceof ECPublicKey) {
            return new KeyMaterial(Kind.EC, null, key, java.util.List.of());
        }
        throw new IllegalArgumentException("a " + key.getAlgorithm() + " key; JwtGuard verifies with RSA or EC keys");
    }

    public Kind kind() {
        return kind;
    }

    /** A copy of the HMAC secret; only for {@link Kind#HMAC}. */
    public byte[] secret() {
        if (secret == null) {
            throw new IllegalStateException("not an HMAC key");
        }
        return secret.clone();
    }

    int secretLength() {
        return secret == null ? 0 : secret.length;
    }

    /** The public key; only for {@link Kind#RSA} and {@link Kind#EC}. */
    public PublicKey publicKey() {
        if (publicKey == null) {
            throw new IllegalStateException("not a public key");
        }
        return publicKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyMaterial that && kind == that.kind
                && Arrays.equals(secret, that.secret) && java.util.Objects.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return kind.hashCode();
    }

    @Override
    public String toString() {
        return kind == Kind.HMAC ? "HMAC secret (" + secret.length + " bytes)" : kind + " public key";
    }
}
