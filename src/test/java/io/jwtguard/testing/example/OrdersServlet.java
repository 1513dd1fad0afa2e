package io.jwtguard.testing.example;

import io.jwtguard.Authorize;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application's own servlet in docs/testing-your-application.md: orders, for admins only. */
@Authorize(roles = "Admin")
public class OrdersServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write("{\"orders\":[],\"for\":\"" + request.getRemoteUser() + "\"}");
    }
}
