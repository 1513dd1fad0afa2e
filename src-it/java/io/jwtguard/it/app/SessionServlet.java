package io.jwtguard.it.app;

import io.jwtguard.AllowAnonymous;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET}: the application's session, started here when there is none, and who the caller is: an application
 * that keeps data of its own in a session, whose id must not stay the same when a token caller arrives on it.
 */
@AllowAnonymous
public class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("session=" + request.getSession(true).getId() + " caller=" + request.getRemoteUser());
    }
}
