package io.jwtguard.demo;

import io.jwtguard.AllowAnonymous;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /fwd/admin}: open itself, but forwards to the Admin-only servlet; JwtGuard applies the
 * target's rule on the FORWARD dispatch, so this is no way around it.
 */
@AllowAnonymous
public class ForwardToAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        request.getRequestDispatcher("/api/admin").forward(request, response);
    }
}
