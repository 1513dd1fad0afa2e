package io.jwtguard.internal.authn;

import com.auth0.jwt.JWTVerifier;
import io.jwtguard.internal.config.KeyMaterial;
import io.jwtguard.internal.config.SignatureAlgorithm;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A fixed key (HMAC secret or PEM public key): one verifier per allowed algorithm, built once. Immutable. */
final class StaticKeySource implements KeySource {

    private final Map<SignatureAlgorithm, JWTVerifier> verifiers = new EnumMap<>(SignatureAlgorithm.class);

    StaticKeySource(KeyMaterial key, List<SignatureAlgorithm> algorithms, VerifierFactory factory) {
        for (SignatureAlgorithm algorithm : algorithms) {
            verifiers.put(algorithm, factory.verifier(Algorithms.forVerifying(algorithm, key)));
        }
    }

    @Override
    public KeyResult verifierFor(String kid, SignatureAlgorithm algorithm) {
        return KeyResult.found(verifiers.get(algorithm));
    }
}
