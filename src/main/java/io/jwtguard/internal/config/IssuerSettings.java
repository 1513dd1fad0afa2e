package io.jwtguard.internal.config;

import java.util.List;
import java.util.Optional;

/**
 * One trusted token issuer: which {@code iss} values it covers, the audiences it may address, where its
 * keys come from and which algorithms and roles claims it uses. The top-level {@code jwtguard.*} keys make
 * the first one; {@code jwtguard.issuers.<name>.*} add more, chosen by the token's {@code iss}. Immutable.
 *
 * @param name {@code default} for the top-level keys, else the name in {@code jwtguard.issuers.<name>}
 * @param issuers the accepted {@code iss} values; empty only when issuer validation is off
 * @param audiences the accepted {@code aud} values; empty only when audience validation is off
 * @param key a fixed key (HMAC secret or PEM public key), or empty when keys come from {@code jwks}
 * @param jwks a key set fetched from the issuer, or empty for a fixed key
 * @param algorithms the allow-list, never empty
 * @param rolesClaims dotted paths whose roles are united, e.g. {@code realm_access.roles} and
 *     {@code resource_access.my-client.roles}
 */
public record IssuerSettings(String name, List<String> issuers, List<String> audiences, Optional<KeyMaterial> key,
        Optional<JwksSettings> jwks, List<SignatureAlgorithm> algorithms, List<List<String>> rolesClaims) {

    public IssuerSettings {
        issuers = List.copyOf(issuers);
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
        rolesClaims = rolesClaims.stream().map(List::copyOf).toList();
    }

    @Override
    public String toString() {
        return "Issuer[" + name + ", iss=" + issuers + ", aud=" + audiences + ", key="
                + key.map(Object::toString).orElse("JWKS " + jwks.flatMap(j -> j.jwksUrl().or(j::authority)).orElse(null))
                + ", algorithms=" + algorithms + "]";
    }
}
