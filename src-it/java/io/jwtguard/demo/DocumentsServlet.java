package io.jwtguard.demo;

import io.jwtguard.Authorize;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code /api/documents}: reading needs any signed-in user, deleting needs Admin (method rules). */
public class DocumentsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    @Authorize
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, 200, Map.of("documents", List.of("handbook.pdf", "roadmap.md")));
    }

    @Override
    @Authorize(roles = "Admin")
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, 200, Map.of("deleted", true, "by", request.getRemoteUser()));
    }
}
