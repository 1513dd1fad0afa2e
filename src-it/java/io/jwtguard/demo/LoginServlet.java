package io.jwtguard.demo;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.TokenIssuer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /login}: form or JSON {@code username}/{@code password}; answers an OAuth-style token
 * response signed by JwtGuard's {@link TokenIssuer}, so the token always matches what the filter checks, with a
 * refresh token that {@code POST /token/refresh} ({@link io.jwtguard.TokenRefreshServlet}) exchanges.
 * {@link AllowAnonymous}: a client holding a stale token must still be able to log in.
 */
@AllowAnonymous
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The demo's users: name to password and roles. */
    private static final Map<String, Map.Entry<String, List<String>>> USERS = Map.of(
            "alice", Map.entry("alice-password", List.of("User")),
            "admin", Map.entry("admin-password", List.of("User", "Admin")),
            "auditor", Map.entry("auditor-password", List.of("User", "Auditor")));

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username;
        String password;
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        if (contentType.startsWith("application/json")) {
            byte[] body = request.getInputStream().readNBytes(4096);
            Map<String, String> fields = Json.stringFields(new String(body, StandardCharsets.UTF_8));
            username = fields.get("username");
            password = fields.get("password");
        } else {
            username = request.getParameter("username");
            password = request.getParameter("password");
        }
        if (username == null || password == null) {
            Json.write(response, 400, Map.of("error", "invalid_request",
                    "error_description", "send username and password, as a form or as JSON"));
            return;
        }
        Map.Entry<String, List<String>> user = USERS.get(username);
        if (user == null || !MessageDigest.isEqual(user.getKey().getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8))) {
            // RFC 6749 5.2: a token endpoint answers bad credentials with 400 invalid_grant.
            Json.write(response, 400, Map.of("error", "invalid_grant",
                    "error_description", "unknown user or wrong password"));
            return;
        }
        TokenIssuer issuer = (TokenIssuer) getServletContext().getAttribute(TokenIssuer.CONTEXT_ATTRIBUTE);
        if (issuer == null) {
            // Verifying an identity provider's tokens (JWKS, discovery, a public key) gives nothing to sign with.
            Json.write(response, 503, Map.of("error", "temporarily_unavailable", "error_description",
                    "this demo has no key to sign tokens with: it verifies tokens from your identity provider"
                            + " (JWTGUARD_JWKS_URL, JWTGUARD_AUTHORITY or a public key), so get a token there; to"
                            + " issue tokens here, set JWTGUARD_KEY, or jwtguard.signing.key.location next to the"
                            + " public key"));
            return;
        }
        TokenIssuer.TokenPair pair;
        try {
            pair = issuer.issueWithRefreshToken(username, user.getValue());
        } catch (IllegalStateException e) {
            // The revocation store keeps refresh tokens: while it cannot be reached, no session can start.
            Json.write(response, 503, Map.of("error", "temporarily_unavailable",
                    "error_description", "cannot start a session now; retry later"));
            return;
        }
        Json.write(response, 200, Map.of("access_token", pair.accessToken(), "token_type", "Bearer",
                "expires_in", pair.expiresIn().toSeconds(), "refresh_token", pair.refreshToken()));
    }
}
