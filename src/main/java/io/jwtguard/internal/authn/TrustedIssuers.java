package io.jwtguard.internal.authn;

import io.jwtguard.internal.config.Settings;
import io.jwtguard.internal.config.SignatureAlgorithm;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured issuers, ready to verify: which one a token's {@code iss} names, which algorithms any of them
 * allows (from our allow-list, never from the token: RFC 8725 §3.1), and their key sources' start and stop.
 * The list is fixed at construction; the JWKS key sources it starts run background fetches of their own, and
 * are thread-safe.
 */
final class TrustedIssuers {

    private final List<TrustedIssuer> all;
    private final String allowedAlgorithms;

    TrustedIssuers(Settings settings, Clock clock) {
        this.all = settings.trusted().stream()
                .map(issuer -> TrustedIssuer.of(issuer, settings.clockSkew(), clock)).toList();
        this.allowedAlgorithms = settings.trusted().stream().flatMap(i -> i.algorithms().stream()).distinct()
                .toList().toString();
    }

    List<TrustedIssuer> all() {
        return all;
    }

    /** Starts background key fetching (JWKS), so keys are there before the first request needs them. */
    void start() {
        all.forEach(issuer -> issuer.keys().start());
    }

    void close() {
        all.forEach(issuer -> issuer.keys().close());
    }

    /** What each issuer's key source holds now. */
    List<KeySetStatus> keySets() {
        return all.stream().map(issuer -> issuer.keys().status(issuer.settings().name())).toList();
    }

    /** How many fetches of each JWKS issuer's key set failed, by issuer name. */
    Map<String, Long> keyFetchFailures() {
        Map<String, Long> failures = new LinkedHashMap<>();
        for (TrustedIssuer issuer : all) {
            if (issuer.keys() instanceof JwksKeySource jwks) {
                failures.put(issuer.settings().name(), jwks.failureCount());
            }
        }
        return failures;
    }

    /** How many times each JWKS issuer's key set was fetched, by issuer name. */
    Map<String, Long> keyFetches() {
        Map<String, Long> fetches = new LinkedHashMap<>();
        for (TrustedIssuer issuer : all) {
            if (issuer.keys() instanceof JwksKeySource jwks) {
                fetches.put(issuer.settings().name(), jwks.fetchCount());
            }
        }
        return fetches;
    }

    /**
     * The trusted issuer {@code iss} names (may be {@code null}); with one issuer that checks no iss, that one;
     * else {@code null}.
     */
    TrustedIssuer named(String iss) {
        for (TrustedIssuer issuer : all) {
            if (iss != null && issuer.settings().issuers().contains(iss)) {
                return issuer;
            }
        }
        return all.size() == 1 && all.get(0).settings().issuers().isEmpty() ? all.get(0) : null;
    }

    /** The token header's {@code alg} when some trusted issuer allows it, else {@code null}. */
    SignatureAlgorithm allowedAlgorithm(String alg) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.named(alg).orElse(null);
        return algorithm != null && allowedAnywhere(algorithm) ? algorithm : null;
    }

    private boolean allowedAnywhere(SignatureAlgorithm algorithm) {
        for (TrustedIssuer issuer : all) {
            if (issuer.settings().algorithms().contains(algorithm)) {
                return true;
            }
        }
        return false;
    }

    /** Every issuer's algorithms, as shown to a developer. */
    String allowedAlgorithms() {
        return allowedAlgorithms;
    }

    /** Every accepted {@code iss} value. */
    List<String> issuerValues() {
        return all.stream().flatMap(i -> i.settings().issuers().stream()).toList();
    }

    /** Every accepted {@code aud} value, once each. */
    List<String> audiences() {
        return all.stream().flatMap(i -> i.settings().audiences().stream()).distinct().toList();
    }
}
