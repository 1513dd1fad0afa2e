package io.jwtguard.internal.pipeline;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet JwtGuard registers only so that a path maps to a servlet its authorization stage recognises by name
 * (never by comparing URIs) and answers itself; reached without JwtGuard's filter, it answers 404.
 */
abstract class FilterAnsweredServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
