package io.jwtguard.it.app;

import io.jwtguard.AllowAnonymous;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Open to everyone, and tries every way a servlet can hand a request to the protected canary servlet:
 * forward, include, async dispatch, named forward and include, and an error page.
 */
@AllowAnonymous
public class DispatchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String how = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (how) {
            case "/forward" -> request.getRequestDispatcher("/canary").forward(request, response);
            case "/include" -> {
                response.setContentType("text/plain");
                response.getWriter().print("before|");
                request.getRequestDispatcher("/canary").include(request, response);
                response.getWriter().print("|after");
            }
            case "/named-forward" -> getServletContext().getNamedDispatcher("canary").forward(request, response);
            case "/named-include" -> {
                response.setContentType("text/plain");
                response.getWriter().print("before|");
                getServletContext().getNamedDispatcher("canary").include(request, response);
                response.getWriter().print("|after");
            }
            case "/async" -> {
                AsyncContext async = request.startAsync();
                async.dispatch("/canary");
            }
            case "/teapot" -> response.sendError(418);
            case "/missing" -> response.sendError(404);
            default -> response.getWriter().print("open");
        }
    }
}
