package io.jwtguard.it.app;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The standard annotations a Jakarta developer writes by habit, honoured like JwtGuard's own: Admin on the
 * class (POST), GET open, PUT for any authenticated caller ({@code "*"}, as MicroProfile JWT defines it),
 * DELETE for nobody.
 */
@RolesAllowed("Admin")
public class StandardAnnotationsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    @PermitAll
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("open GET");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(Canary.BODY + " POST");
    }

    @Override
    @RolesAllowed("*")
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("any caller PUT " + request.getRemoteUser());
    }

    @Override
    @DenyAll
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(Canary.BODY + " DELETE");
    }
}
