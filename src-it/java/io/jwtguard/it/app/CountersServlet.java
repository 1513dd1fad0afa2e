package io.jwtguard.it.app;

import io.jwtguard.AllowAnonymous;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /audit-counters}: what {@link AuditListener} counted. */
@AllowAnonymous
public class CountersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("failed=" + getServletContext().getAttribute("audit.failed")
                + " forbidden=" + getServletContext().getAttribute("audit.forbidden"));
    }
}
