package io.jwtguard.internal.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JWS algorithms (RFC 7518 §3.1) JwtGuard can verify with java-jwt. {@code none} is deliberately
 * absent: it can never be allowed.
 */
public enum SignatureAlgorithm {
    HS256(KeyMaterial.Kind.HMAC, 32), HS384(KeyMaterial.Kind.HMAC, 48), HS512(KeyMaterial.Kind.HMAC, 64),
    RS256(KeyMaterial.Kind.RSA, 0), RS384(KeyMaterial.Kind.RSA, 0), RS512(KeyMaterial.Kind.RSA, 0),
    PS256(KeyMaterial.Kind.RSA, 0), PS384(KeyMaterial.Kind.RSA, 0), PS512(KeyMaterial.Kind.RSA, 0),
    ES256(KeyMaterial.Kind.EC, 256), ES384(KeyMaterial.Kind.EC, 384), ES512(KeyMaterial.Kind.EC, 521);

    private final KeyMaterial.Kind keyKind;
    private final int size;

    SignatureAlgorithm(KeyMaterial.Kind keyKind, int size) {
        this.keyKind = keyKind;
        this.size = size;
    }

    /** The kind of key this algorithm verifies with. */
    public KeyMaterial.Kind keyKind() {
        return keyKind;
    }

    /** RFC 7518 §3.2: an HMAC key must be at least as long as the hash output. */
    int minimumSecretBytes() {
        return keyKind == KeyMaterial.Kind.HMAC ? size : 0;
    }

    /** RFC 7518 §3.4: the EC curve's field size in bits (P-256, P-384, P-521). */
    public int curveBits() {
        return keyKind == KeyMaterial.Kind.EC ? size : 0;
    }

    private static final java.util.Map<String, Optional<SignatureAlgorithm>> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Optional::of));

    /** The algorithm with exactly this {@code alg} name (case-sensitive, RFC 7515 §4.1.1). */
    public static Optional<SignatureAlgorithm> named(String alg) {
        return alg == null ? Optional.empty() : BY_NAME.getOrDefault(alg, Optional.empty());
    }

    static String supportedNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    static Optional<SignatureAlgorithm> forCurveBits(int bits) {
        return Arrays.stream(values()).filter(a -> a.curveBits() == bits).findFirst();
    }
}
