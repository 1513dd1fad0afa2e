package io.jwtguard.internal.authn;

import io.jwtguard.internal.config.KeyMaterial;
import io.jwtguard.internal.config.SignatureAlgorithm;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A fixed key (HMAC secret or PEM public key): one verifier per allowed algorithm, built once. Immutable. */
final class StaticKeySource implements KeySource {

    private final Map<SignatureAlgorithm, KeyResult> verifiers = new EnumMap<>(SignatureAlgorithm.class);
    private final String kind;

    StaticKeySource(KeyMaterial key, List<SignatureAlgorithm> algorithms, VerifierFactory factory) {
        this.kind = "configured " + key; // KeyMaterial's text names the kind and size, never the key
        for (SignatureAlgorithm algorithm : algorithms) {
            verifiers.put(algorithm, KeyResult.found(factory.verifier(Algorithms.forVerifying(algorithm, key))));
        }
    }

    @Override
    public KeyResult verifierFor(String kid, SignatureAlgorithm algorithm) {
        // Built once for each of the issuer's algorithms, which are checked before a key is asked for.
        return verifiers.get(algorithm);
    }

    @Override
    public KeySetStatus status(String issuer) {
        return new KeySetStatus(issuer, kind, List.of("(no kid) " + verifiers.keySet()), null, null, 0, null);
    }
}
