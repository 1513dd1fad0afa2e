package io.jwtguard.internal.config;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything JwtGuard needs, read and checked once at start-up by {@link SettingsLoader}. Immutable and
 * thread-safe; no component ever re-reads configuration on the request path.
 *
 * @param trusted the trusted issuers, never empty once loaded without problems; the first is the top-level
 *     {@code jwtguard.*} one when configured
 * @param clockSkew leeway for time claims, 0 to 300 s
 * @param tokenCookie cookie the token may come from, or empty
 * @param maxTokenLength longest token accepted
 * @param tokenCacheSize verified tokens remembered, 0 for none
 * @param tokenTypes accepted {@code typ} header values, {@linkplain #mediaType normalised}; empty: not checked
 * @param maxTokenAge oldest token accepted, counted from its {@code iat}; empty: no limit beyond {@code exp}
 * @param nameClaim claim that names the caller
 * @param realm the challenge's realm
 * @param diagnostics how much a refusal tells
 * @param fallback the rule for servlets without annotations
 * @param tokenLifetime lifetime of tokens minted by the token issuer
 * @param publishTokenIssuer whether the filter puts its token issuer in the {@code ServletContext}
 * @param signingKey private key the token issuer signs with when the first issuer's key is public; may be absent
 * @param cors the CORS policy, {@link CorsSettings#OFF} when no origin is allowed
 * @param policies authorization policies defined in configuration, by name
 * @param listeners class names of the listeners to call besides those ServiceLoader finds
 * @param containerAuthentication whether JwtGuard also tells the container who the caller is (Jakarta Authentication)
 * @param revocation where sign-outs and refresh tokens are kept
 * @param mcp the rules of an MCP server's tools
 * @param telemetry which optional meter and trace libraries JwtGuard reports to, when present
 * @param warnings things worth logging at start-up that do not stop it
 * @param resource this API as an RFC 9728 protected resource, {@link ResourceSettings#NONE} when not configured
 * @param dpop DPoP (RFC 9449) and the trusted proxies
 */
public record Settings(
        List<IssuerSettings> trusted,
        Duration clockSkew,
        String tokenCookie,
        int maxTokenLength,
        int tokenCacheSize,
        List<String> tokenTypes,
        Optional<Duration> maxTokenAge,
        String nameClaim,
        String realm,
        Diagnostics diagnostics,
        Fallback fallback,
        Duration tokenLifetime,
        boolean publishTokenIssuer,
        Optional<PrivateKey> signingKey,
        CorsSettings cors,
        java.util.Map<String, PolicyDefinition> policies,
        List<String> listeners,
        boolean containerAuthentication,
        RevocationSettings revocation,
        McpSettings mcp,
        TelemetrySettings telemetry,
        List<String> warnings,
        ResourceSettings resource,
        DpopSettings dpop) {

    /** How much a refusal tells the client. */
    public enum Diagnostics { PRODUCTION, DEVELOPMENT }

    /** The authorization rule of a servlet that carries no annotation. */
    public enum Fallback { AUTHENTICATED, ANONYMOUS, DENY }

    public Settings {
        // Empty only while the start-up's problems say why (no key); such settings never verify a token.
        trusted = List.copyOf(trusted);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(tokenCookie, "tokenCookie");
        tokenTypes = List.copyOf(tokenTypes);
        Objects.requireNonNull(maxTokenAge, "maxTokenAge");
        Objects.requireNonNull(nameClaim, "nameClaim");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(diagnostics, "diagnostics");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(cors, "cors");
        policies = java.util.Map.copyOf(policies);
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(mcp, "mcp");
        Objects.requireNonNull(telemetry, "telemetry");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(dpop, "dpop");
    }

    private static final String APPLICATION = "application/";

    /**
     * A {@code typ} value in the one form JwtGuard compares: RFC 7515 §4.1.9 compares media types
     * case-insensitively and reads a value without a {@code /} as if {@code application/} came before it,
     * so {@code application/at+jwt}, {@code AT+JWT} and {@code at+jwt} are all {@code at+jwt}. Only ASCII
     * letters are folded (media type names are ASCII), so no Unicode look-alike turns into an accepted value.
     */
    public static String mediaType(String typ) {
        StringBuilder lower = new StringBuilder(typ.length());
        for (int i = 0; i < typ.length(); i++) {
            char c = typ.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        String type = lower.toString();
        return type.startsWith(APPLICATION) ? type.substring(APPLICATION.length()) : type;
    }

    public boolean development() {
        return diagnostics == Diagnostics.DEVELOPMENT;
    }

    /** The first trusted issuer: the top-level {@code jwtguard.*} one when configured. */
    public IssuerSettings primary() {
        return trusted.get(0);
    }

    /** The first issuer's accepted {@code iss} values. */
    public List<String> issuers() {
        return primary().issuers();
    }

    /** The first issuer's accepted audiences. */
    public List<String> audiences() {
        return primary().audiences();
    }

    /** The first issuer's algorithms. */
    public List<SignatureAlgorithm> algorithms() {
        return primary().algorithms();
    }

    /** The first issuer's first roles claim path. */
    public List<String> rolesClaim() {
        return primary().rolesClaims().get(0);
    }

    /** The first issuer's fixed key. @throws IllegalStateException when its keys come from a JWKS */
    public KeyMaterial key() {
        return primary().key().orElseThrow(() -> new IllegalStateException("keys come from a JWKS"));
    }

    /** Never shows key bytes. */
    @Override
    public String toString() {
        return "Settings[trusted=" + trusted + ", clockSkew=" + clockSkew + ", tokenCookie=" + tokenCookie
                + ", tokenTypes=" + tokenTypes + ", maxTokenAge=" + maxTokenAge.map(Duration::toString).orElse("none")
                + ", nameClaim=" + nameClaim + ", realm=" + realm + ", diagnostics="
                + diagnostics + ", fallback=" + fallback + ", cors=" + cors + ", signingKey=" + (signingKey.isPresent() ? "set" : "none")
                + "]";
    }
}
