package io.jwtguard;

import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Signs tokens from the very settings the filter verifies with (issuer, audience, key, algorithm, roles
 * claim), so a token it issues can never be refused for a mismatch. A login servlet obtains it with
 * {@link #of(ServletContext)}; there is one when {@code jwtguard.token-issuer.publish=true} and JwtGuard has a key to
 * sign with (the HMAC secret, or {@code jwtguard.signing.key.location} next to a public verification key), also
 * published under {@link #CONTEXT_ATTRIBUTE} for code that reads context attributes (JSP, EL). Thread-safe.
 */
public interface TokenIssuer {

    /** The {@code ServletContext} attribute under which the filter publishes its issuer. */
    String CONTEXT_ATTRIBUTE = "io.jwtguard.TokenIssuer";

    /**
     * This application's issuer: {@code TokenIssuer.of(getServletContext())} in a login servlet.
     *
     * @throws IllegalStateException naming the setting or the key that is missing, or why JwtGuard did not start
     */
    static TokenIssuer of(ServletContext context) {
        return Implementation.runtime().tokenIssuer(context);
    }

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

    /**
     * An access token and a refresh token for a new session: the access token carries the session as its
     * {@code sid}, and the refresh token (opaque, stored only as its SHA-256 in the {@link RevocationStore}) can be
     * exchanged once, with {@link #refresh}, for the next pair of the same session.
     *
     * @throws IllegalStateException when the revocation store cannot keep the refresh token (a server fault)
     */
    TokenPair issueWithRefreshToken(String subject, Collection<String> roles);

    /**
     * The next pair for {@code refreshToken}, which is used up (rotation). A refresh token used a second time
     * revokes its whole session on every instance, access tokens included (RFC 9700, section 4.14.2).
     *
     * @throws RefreshRefused when the token is unknown, expired, used before or revoked ({@code invalid_grant}), or
     *     the store cannot be reached ({@code temporarily_unavailable})
     */
    TokenPair refresh(String refreshToken) throws RefreshRefused;

    /** The lifetime of refresh tokens ({@code jwtguard.refresh-token.lifetime}). */
    Duration refreshTokenLifetime();

    /** An access token, the refresh token that renews it, and the access token's lifetime. */
    record TokenPair(String accessToken, String refreshToken, Duration expiresIn) {
        /** Never shows the tokens. */
        @Override
        public String toString() {
            return "TokenPair[expiresIn=" + expiresIn + "]";
        }
    }

    /** Why a refresh token was not exchanged, as an OAuth token endpoint says it (RFC 6749, section 5.2). */
    final class RefreshRefused extends Exception {

        private static final long serialVersionUID = 1L;

        private final String error;
        private final int status;

        public RefreshRefused(String error, int status, String description) {
            super(description, null, false, false);
            this.error = error;
            this.status = status;
        }

        /** {@code invalid_grant} (400) or {@code temporarily_unavailable} (503). */
        public String error() {
            return error;
        }

        public int status() {
            return status;
        }
    }
}
