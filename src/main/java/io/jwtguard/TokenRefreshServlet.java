package io.jwtguard;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The refresh endpoint: {@code POST} with the form field {@code refresh_token} answers a new pair
 * ({@code access_token}, {@code refresh_token}, {@code expires_in}) from the published {@link TokenIssuer}, or an
 * OAuth error ({@code 400 invalid_grant}, {@code 503 temporarily_unavailable}). Map it where clients refresh, e.g.
 * {@code /token/refresh}; it needs {@code jwtguard.token-issuer.publish=true}, which start-up checks.
 * {@link AllowAnonymous}: the access token is usually expired by then.
 */
@AllowAnonymous
public class TokenRefreshServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Implementation.runtime().refresh(request, response);
    }
}
