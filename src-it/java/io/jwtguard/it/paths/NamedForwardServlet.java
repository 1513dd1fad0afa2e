package io.jwtguard.it.paths;

import io.jwtguard.AllowAnonymous;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Open to everyone; forwards by name ({@code getNamedDispatcher}) to the servlet {@code ?to=} names. */
@AllowAnonymous
public class NamedForwardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        RequestDispatcher dispatcher = getServletContext().getNamedDispatcher(request.getParameter("to"));
        if (dispatcher == null) {
            response.sendError(404);
            return;
        }
        dispatcher.forward(request, response);
    }
}
