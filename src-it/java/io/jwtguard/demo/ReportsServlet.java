package io.jwtguard.demo;

import io.jwtguard.Authorize;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/reports}: the {@code ReportReaders} policy from {@code config/microprofile-config.properties}
 * (role {@code Auditor}, or claim {@code department} = {@code finance}).
 */
public class ReportsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    @Authorize(policy = "ReportReaders")
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, 200, Map.of("reports", List.of("q3-revenue.pdf"), "reader", request.getRemoteUser()));
    }
}
