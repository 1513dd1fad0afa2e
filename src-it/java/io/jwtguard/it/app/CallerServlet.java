package io.jwtguard.it.app;

import io.jwtguard.Authorize;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET}: who the caller is, as the standard API answers: the principal's class, its name, the role checks
 * and the authentication type. In container identity mode the container answers them itself.
 */
@Authorize
public class CallerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().println("principal=" + (request.getUserPrincipal() == null ? "none"
                : request.getUserPrincipal().getClass().getName()));
        response.getWriter().println("name=" + request.getRemoteUser());
        response.getWriter().println("user=" + request.isUserInRole("User"));
        response.getWriter().println("admin=" + request.isUserInRole("Admin"));
        response.getWriter().println("authType=" + request.getAuthType());
    }
}
