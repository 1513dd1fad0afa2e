package io.jwtguard.internal.authn;

import io.jwtguard.JwtPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request as the application sees it after authentication: the standard security methods answer
 * from the verified token, so {@code isUserInRole} and friends keep working unchanged.
 * As thread-safe as the request it wraps.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

    /** The value {@link #getAuthType()} answers with (RFC 6750's scheme name). */
    public static final String AUTH_TYPE = "Bearer";

    private final JwtPrincipal principal;

    public AuthenticatedRequest(HttpServletRequest request, JwtPrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    /** Exact, case-sensitive match, as the servlet specification's role names are. */
    @Override
    public boolean isUserInRole(String role) {
        return role != null && principal.getRoles().contains(role);
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }
}
