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

    private final Kind kind;
    private final byte[] secret;
    private final PublicKey publicKey;

    private KeyMaterial(Kind kind, byte[] secret, PublicKey publicKey) {
        this.kind = kind;
        this.secret = secret;
        this.publicKey = publicKey;
    }

    static KeyMaterial hmac(byte[] secret) {
        return new KeyMaterial(Kind.HMAC, secret.clone(), null);
    }

    static KeyMaterial publicKey(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return new KeyMaterial(Kind.RSA, null, key);
        }
        if (key instanceof ECPublicKey) {
            return new KeyMaterial(Kind.EC, null, key);
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
