package io.jwtguard.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * DPoP at this resource server (RFC 9449, {@code jwtguard.dpop.*}) and the proxies whose forwarded headers tell the
 * URL a proof was made for ({@code jwtguard.trusted-proxies}). Immutable.
 *
 * @param mode whether the {@code DPoP} scheme is refused, accepted beside {@code Bearer}, or the only one
 * @param algorithms the proof algorithms accepted, as JOSE names; asymmetric only
 * @param maxAge the oldest proof accepted, from its {@code iat}
 * @param nonce whether every proof must carry a current server nonce
 * @param nonceLifetime how often the nonce changes
 * @param trustedProxies the reverse proxies whose {@code Forwarded} and {@code X-Forwarded-*} headers count
 */
public record DpopSettings(Mode mode, List<String> algorithms, Duration maxAge, boolean nonce, Duration nonceLifetime,
        TrustedProxies trustedProxies) {

    /** {@code jwtguard.dpop}. */
    public enum Mode { OFF, ALLOWED, REQUIRED }

    /**
     * The JOSE names of the asymmetric algorithms a proof may use, in the order the challenge lists them: RFC 7518's,
     * RFC 8037's {@code EdDSA}, and RFC 9864's fully specified {@code Ed25519} and {@code Ed448}, which DPoP clients
     * now send in its place.
     */
    public static final List<String> SUPPORTED = List.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256",
            "RS384", "RS512", "EdDSA", "Ed25519", "Ed448");

    public DpopSettings {
        Objects.requireNonNull(mode, "mode");
        algorithms = List.copyOf(algorithms);
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /** Whether the {@code DPoP} scheme is accepted at all. */
    public boolean on() {
        return mode != Mode.OFF;
    }
}
