package io.jwtguard.it.ejb;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** A business rule on an enterprise bean, as applications keep them: Admin only, and it names who asked. */
@Stateless
public class AdminReport {

    @RolesAllowed("Admin")
    public String requestedBy() throws NamingException {
        // Looked up rather than injected: the test WAR's web.xml is metadata-complete, which turns injection off.
        SessionContext session = (SessionContext) new InitialContext().lookup("java:comp/EJBContext");
        return session.getCallerPrincipal().getName();
    }
}
