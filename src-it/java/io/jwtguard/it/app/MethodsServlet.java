package io.jwtguard.it.app;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Admin on the class; GET open on the method. HEAD follows GET; POST, OPTIONS, TRACE and any unknown
 * method fall back to the class rule.
 */
@Authorize(roles = "Admin")
public class MethodsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    @AllowAnonymous
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("open GET");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(Canary.BODY + " POST");
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(Canary.BODY + " DELETE");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws jakarta.servlet.ServletException, IOException {
        if (request.getMethod().equals("BREW")) {
            response.getWriter().print(Canary.BODY + " BREW");
            return;
        }
        super.service(request, response);
    }
}
