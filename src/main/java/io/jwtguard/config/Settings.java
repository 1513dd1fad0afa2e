package io.jwtguard.config;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything JwtGuard needs, read and checked once at start-up by {@link SettingsLoader}. Immutable and
 * thread-safe; no component ever re-reads configuration on the request path.
 *
 * @param issuers trusted {@code iss} values; empty only when issuer validation is off
 * @param audiences accepted {@code aud} values; empty only when audience validation is off
 * @param key the verification key
 * @param algorithms the allow-list, never empty, all usable with {@code key}
 * @param clockSkew leeway for time claims, 0 to 300 s
 * @param tokenCookie cookie the token may come from, or empty
 * @param maxTokenLength longest token accepted
 * @param rolesClaim dotted path of the roles claim, split into its segments
 * @param nameClaim claim that names the caller
 * @param realm the challenge's realm
 * @param diagnostics how much a refusal tells
 * @param fallback the rule for servlets without annotations
 * @param tokenLifetime lifetime of tokens minted by the token issuer
 * @param signingKey private key the token issuer signs with when {@code key} is public; may be absent
 * @param cors the CORS policy, {@link CorsSettings#OFF} when no origin is allowed
 * @param policies authorization policies defined in configuration, by name
 * @param warnings things worth logging at start-up that do not stop it
 */
public record Settings(
        List<String> issuers,
        List<String> audiences,
        KeyMaterial key,
        List<SignatureAlgorithm> algorithms,
        Duration clockSkew,
        String tokenCookie,
        int maxTokenLength,
        List<String> rolesClaim,
        String nameClaim,
        String realm,
        Diagnostics diagnostics,
        Fallback fallback,
        Duration tokenLifetime,
        Optional<PrivateKey> signingKey,
        CorsSettings cors,
        java.util.Map<String, PolicyDefinition> policies,
        List<String> warnings) {

    /** How much a refusal tells the client. */
    public enum Diagnostics { PRODUCTION, DEVELOPMENT }

    /** The authorization rule of a servlet that carries no annotation. */
    public enum Fallback { AUTHENTICATED, ANONYMOUS, DENY }

    public Settings {
        issuers = List.copyOf(issuers);
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(key, "key");
        algorithms = List.copyOf(algorithms);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(tokenCookie, "tokenCookie");
        rolesClaim = List.copyOf(rolesClaim);
        Objects.requireNonNull(nameClaim, "nameClaim");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(diagnostics, "diagnostics");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(cors, "cors");
        policies = java.util.Map.copyOf(policies);
        warnings = List.copyOf(warnings);
    }

    public boolean development() {
        return diagnostics == Diagnostics.DEVELOPMENT;
    }

    public boolean validatesIssuer() {
        return !issuers.isEmpty();
    }

    public boolean validatesAudience() {
        return !audiences.isEmpty();
    }

    /** Never shows key bytes. */
    @Override
    public String toString() {
        return "Settings[issuers=" + issuers + ", audiences=" + audiences + ", key=" + key + ", algorithms="
                + algorithms + ", clockSkew=" + clockSkew + ", tokenCookie=" + tokenCookie + ", rolesClaim="
                + String.join(".", rolesClaim) + ", nameClaim=" + nameClaim + ", realm=" + realm + ", diagnostics="
                + diagnostics + ", fallback=" + fallback + ", cors=" + cors + ", signingKey=" + (signingKey.isPresent() ? "set" : "none")
                + "]";
    }
}
