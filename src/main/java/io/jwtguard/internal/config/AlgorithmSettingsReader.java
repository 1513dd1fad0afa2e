package io.jwtguard.internal.config;

import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The algorithms one issuer block allows ({@code jwtguard.algorithms}): names RFC 7518 §3.1 defines, never
 * {@code none}, and only those its keys can verify: a JWKS's public keys, or the configured key's kind and size
 * (RFC 7518 §3.2-3.4). Never puts a secret in a message. Not thread-safe; used once per start-up.
 */
final class AlgorithmSettingsReader {

    private static final int MIN_RSA_BITS = 2048;

    private final SettingValues values;

    AlgorithmSettingsReader(SettingValues values) {
        this.values = values;
    }

    /** JWKS keys are public keys: RS256 unless configured; never an HMAC algorithm. */
    List<SignatureAlgorithm> forJwks() {
        List<SignatureAlgorithm> algorithms = new ArrayList<>();
        List<String> names = values.list(Setting.ALGORITHMS);
        for (String name : names.isEmpty() ? List.of("RS256") : names) {
            Optional<SignatureAlgorithm> algorithm = named(name);
            if (algorithm.isEmpty()) {
                continue;
            }
            if (algorithm.get().keyKind() == KeyMaterial.Kind.HMAC) {
                values.problem(Setting.ALGORITHMS, algorithm.get() + " needs a shared secret, which a JWKS never"
                        + " publishes; use RS*, PS* or ES* with JWKS");
            } else if (!algorithms.contains(algorithm.get())) {
                algorithms.add(algorithm.get());
            }
        }
        return algorithms;
    }

    /** The configured algorithms, or the one the key's kind implies; each checked against the key. */
    List<SignatureAlgorithm> forKey(KeyMaterial key) {
        List<String> names = values.list(Setting.ALGORITHMS);
        List<SignatureAlgorithm> algorithms = new ArrayList<>();
        if (names.isEmpty()) {
            defaultAlgorithm(key).ifPresent(algorithms::add);
        }
        for (String name : names) {
            named(name).filter(algorithm -> !algorithms.contains(algorithm)).ifPresent(algorithms::add);
        }
        Set<KeyMaterial.Kind> kinds = new LinkedHashSet<>();
        algorithms.forEach(a -> kinds.add(a.keyKind()));
        if (kinds.contains(KeyMaterial.Kind.HMAC) && kinds.size() > 1) {
            values.problem(Setting.ALGORITHMS, "HMAC and public-key algorithms are mixed (" + algorithms + "); a key is"
                    + " either a shared secret or a public key, and mixing them invites algorithm confusion");
            return algorithms;
        }
        for (SignatureAlgorithm algorithm : algorithms) {
            checkKeyFits(algorithm, key);
        }
        return algorithms;
    }

    /**
     * A configured algorithm's name, read: empty, with a problem, for {@code none} (RFC 7518 §3.6 unsigned tokens)
     * and for a name JWS does not define.
     */
    private Optional<SignatureAlgorithm> named(String name) {
        if (name.equalsIgnoreCase("none")) {
            values.problem(Setting.ALGORITHMS, "'none' means unsigned tokens anyone can forge; remove it");
            return Optional.empty();
        }
        Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.named(name);
        if (algorithm.isEmpty()) {
            values.problem(Setting.ALGORITHMS, "'" + name + "' is not a supported algorithm; use one of "
                    + SignatureAlgorithm.supportedNames() + " (names are case-sensitive)");
        }
        return algorithm;
    }

    private Optional<SignatureAlgorithm> defaultAlgorithm(KeyMaterial key) {
        return switch (key.kind()) {
            case HMAC -> Optional.of(SignatureAlgorithm.HS256);
            case RSA -> Optional.of(SignatureAlgorithm.RS256);
            case EC -> {
                int bits = ((ECPublicKey) key.publicKey()).getParams().getCurve().getField().getFieldSize();
                Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.forCurveBits(bits);
                if (algorithm.isEmpty()) {
                    values.problem(Setting.KEY_LOCATION, "the EC key is on a " + bits + "-bit curve; JWS allows only"
                            + " P-256, P-384 and P-521");
                }
                yield algorithm;
            }
        };
    }

    private void checkKeyFits(SignatureAlgorithm algorithm, KeyMaterial key) {
        if (algorithm.keyKind() != key.kind()) {
            values.problem(Setting.ALGORITHMS, algorithm + " needs " + describe(algorithm.keyKind()) + " but the configured"
                    + " key is " + describe(key.kind()) + "; set " + values.keyOf(Setting.ALGORITHMS)
                    + " to match the key, or configure the right key");
            return;
        }
        switch (key.kind()) {
            case HMAC -> {
                if (key.secretLength() < algorithm.minimumSecretBytes()) {
                    values.problem(Setting.KEY, "the HMAC secret is " + key.secretLength() + " bytes but " + algorithm
                            + " needs at least " + algorithm.minimumSecretBytes() + " (RFC 7518 3.2); generate one"
                            + " with: openssl rand -base64 " + algorithm.minimumSecretBytes()
                            + " (and set " + values.keyOf(Setting.KEY_ENCODING) + "=base64)");
                }
            }
            case RSA -> {
                int bits = ((RSAPublicKey) key.publicKey()).getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    values.problem(Setting.KEY_LOCATION, "the RSA key has " + bits + " bits; at least " + MIN_RSA_BITS
                            + " are required (RFC 7518 3.3)");
                }
            }
            case EC -> {
                int bits = ((ECPublicKey) key.publicKey()).getParams().getCurve().getField().getFieldSize();
                if (bits != algorithm.curveBits()) {
                    values.problem(Setting.ALGORITHMS, algorithm + " needs a P-" + algorithm.curveBits()
                            + " key but the configured EC key is on a " + bits + "-bit curve");
                }
            }
        }
    }

    private String describe(KeyMaterial.Kind kind) {
        return switch (kind) {
            case HMAC -> "an HMAC secret (" + values.keyOf(Setting.KEY) + ")";
            case RSA -> "an RSA public key (" + values.keyOf(Setting.KEY_LOCATION) + ")";
            case EC -> "an EC public key (" + values.keyOf(Setting.KEY_LOCATION) + ")";
        };
    }
}
