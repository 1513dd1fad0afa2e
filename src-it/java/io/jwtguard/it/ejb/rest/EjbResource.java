package io.jwtguard.it.ejb.rest;

import io.jwtguard.Authorize;
import io.jwtguard.it.ejb.AdminReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Any authenticated caller may ask; the Admin-only enterprise bean behind it decides (deployed on WildFly only). */
@Path("ejb")
@Authorize
@Produces("text/plain")
public class EjbResource {

    @GET
    public String report() throws NamingException {
        return "ejbCaller=" + ((AdminReport) new InitialContext().lookup("java:module/AdminReport")).requestedBy();
    }
}
