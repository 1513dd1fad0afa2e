package io.jwtguard.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code GET /api/unannotated}: no annotation, so the fallback rule applies (authenticated by default). */
public class UnannotatedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, 200, Map.of("rule", "fallback", "user", String.valueOf(request.getRemoteUser())));
    }
}
