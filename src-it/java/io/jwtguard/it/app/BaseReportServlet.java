package io.jwtguard.it.app;

import io.jwtguard.Authorize;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A base servlet whose GET is Admin only. */
public class BaseReportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    @Authorize(roles = "Admin")
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(Canary.BODY + " base");
    }
}
