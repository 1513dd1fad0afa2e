package io.jwtguard;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Signs tokens from the very settings the filter verifies with (issuer, audience, key, algorithm, roles
 * claim), so a token it issues can never be refused for a mismatch. The filter publishes one under
 * {@link #CONTEXT_ATTRIBUTE} when it has a key to sign with (the HMAC secret, or
 * {@code jwtguard.signing.key.location} next to a public verification key). Thread-safe.
 */
public interface TokenIssuer {

    /** The {@code ServletContext} attribute under which the filter publishes its issuer. */
    String CONTEXT_ATTRIBUTE = "io.jwtguard.TokenIssuer";

    /** A token for {@code subject} with {@code roles}, valid for {@link #lifetime()} (15 minutes by default). */
    String issue(String subject, Collection<String> roles);

    /**
     * A token for {@code subject} with {@code roles} and extra claims ({@code String}, {@code Number},
     * {@code Boolean}, {@code List}, {@code Map} values), valid for {@code lifetime}. Registered claims
     * ({@code iss}, {@code aud}, {@code iat}, {@code nbf}, {@code exp}, {@code jti}) are always set here.
     */
    String issue(String subject, Collection<String> roles, Map<String, ?> claims, Duration lifetime);

    /** The lifetime {@link #issue(String, Collection)} gives a token ({@code jwtguard.token.lifetime}). */
    Duration lifetime();
}
