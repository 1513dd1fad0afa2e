package io.jwtguard.internal.authn;

import com.auth0.jwt.algorithms.Algorithm;
import io.jwtguard.internal.config.KeyMaterial;
import io.jwtguard.internal.config.SignatureAlgorithm;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;

/**
 * Turns a configured algorithm and key into java-jwt's {@link Algorithm}. The token never picks the
 * algorithm or the key (RFC 8725 §3.1): these are built once from configuration. Stateless.
 */
final class Algorithms {

    private Algorithms() {
    }

    /** The verifying algorithm for the configured key. */
    static Algorithm forVerifying(SignatureAlgorithm algorithm, KeyMaterial key) {
        return switch (key.kind()) {
            case HMAC -> hmac(algorithm, key.secret());
            case RSA, EC -> keyed(algorithm, key.publicKey());
        };
    }

    /** A signing algorithm: an HMAC secret, or an RSA / EC private key. */
    static Algorithm forSigning(SignatureAlgorithm algorithm, KeyMaterial key, Key privateKey) {
        return key.kind() == KeyMaterial.Kind.HMAC ? hmac(algorithm, key.secret()) : forKey(algorithm, privateKey);
    }

    /** The algorithm for one RSA or EC key, public (verifying) or private (signing). */
    static Algorithm forKey(SignatureAlgorithm algorithm, Key key) {
        return keyed(algorithm, key);
    }

    static Algorithm hmac(SignatureAlgorithm algorithm, byte[] secret) {
        return switch (algorithm) {
            case HS256 -> new PreparedHmac("HS256", "HmacSHA256", secret);
            case HS384 -> new PreparedHmac("HS384", "HmacSHA384", secret);
            case HS512 -> new PreparedHmac("HS512", "HmacSHA512", secret);
            case RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 ->
                    throw new IllegalArgumentException(algorithm + " does not use an HMAC secret");
        };
    }

    private static Algorithm keyed(SignatureAlgorithm algorithm, Key key) {
        return switch (algorithm) {
            case RS256 -> Algorithm.RSA256((RSAKey) key);
            case RS384 -> Algorithm.RSA384((RSAKey) key);
            case RS512 -> Algorithm.RSA512((RSAKey) key);
            case PS256 -> Algorithm.RSA256PSS((RSAKey) key);
            case PS384 -> Algorithm.RSA384PSS((RSAKey) key);
            case PS512 -> Algorithm.RSA512PSS((RSAKey) key);
            case ES256 -> Algorithm.ECDSA256((ECKey) key);
            case ES384 -> Algorithm.ECDSA384((ECKey) key);
            case ES512 -> Algorithm.ECDSA512((ECKey) key);
            case HS256, HS384, HS512 -> throw new IllegalArgumentException(algorithm + " needs an HMAC secret");
        };
    }
}
