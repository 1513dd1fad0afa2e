package io.jwtguard.it.ejb;

import io.jwtguard.Authorize;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@code GET}: calls the Admin-only {@link AdminReport} bean for any authenticated caller, and answers with the name
 * the bean saw. A caller without Admin is refused by the bean's {@code @RolesAllowed}, which JwtGuard answers.
 */
@Authorize
public class EjbCallerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String caller;
        try {
            caller = ((AdminReport) new InitialContext().lookup("java:module/AdminReport")).requestedBy();
        } catch (NamingException e) {
            throw new ServletException(e);
        }
        response.setContentType("text/plain");
        response.getWriter().println("ejbCaller=" + caller);
    }
}
