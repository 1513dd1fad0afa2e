package io.jwtguard.it.app;

import io.jwtguard.AllowAnonymous;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An ordinary error page, open to everyone. */
@AllowAnonymous
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("error page for " + request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
    }
}
