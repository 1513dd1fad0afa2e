package io.jwtguard.internal.authn;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jwtguard.internal.config.KeyMaterial;
import io.jwtguard.internal.config.SignatureAlgorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a signature that does not verify might have: the configured secret read another way (text for Base64, Base64
 * for text, Base64URL for Base64, with the newline a file leaves), or the key of another issuer JwtGuard trusts. It
 * names the likely mix-up and the setting that fixes it, for the log line, development diagnostics and the doctor;
 * it never accepts a token. Runs only on an {@code invalid_signature} refusal, a few HMACs or one signature check per
 * other issuer at most. Stateless.
 */
final class KeyMixUps {

    private KeyMixUps() {
    }

    /** What the token verifies with instead, each with its fix; empty when nothing known does. */
    static String explain(DecodedJWT jwt, SignatureAlgorithm algorithm, TrustedIssuer issuer,
            List<TrustedIssuer> trusted) {
        List<String> found = new ArrayList<>();
        issuer.settings().key().ifPresent(key -> {
            for (KeyMaterial.OtherReading reading : key.otherReadings()) {
                if (algorithm.name().startsWith("HS") && verifies(jwt, Algorithms.hmac(algorithm, reading.secret()))) {
                    found.add("the token verifies with the configured secret " + reading.reading() + ": "
                            + reading.fix());
                }
            }
        });
        for (TrustedIssuer other : trusted) {
            if (other != issuer && other.settings().key().isPresent()
                    && other.settings().algorithms().contains(algorithm)
                    && verifies(jwt, forKey(algorithm, other.settings().key().get()))) {
                found.add("the token verifies with the key of issuer '" + other.settings().name() + "' (" 
                        + other.settings().issuers() + "), but its 'iss' names another: it was signed for that issuer");
            }
        }
        return String.join("; ", found);
    }

    private static Algorithm forKey(SignatureAlgorithm algorithm, KeyMaterial key) {
        try {
            return Algorithms.forVerifying(algorithm, key);
        } catch (IllegalArgumentException | ClassCastException e) {
            return null; // a key of another kind than the algorithm's: it cannot be the one
        }
    }

    private static boolean verifies(DecodedJWT jwt, Algorithm algorithm) {
        if (algorithm == null) {
            return false;
        }
        try {
            algorithm.verify(jwt);
            return true;
        } catch (RuntimeException e) { // SignatureVerificationException above all
            return false;
        }
    }
}
