package io.jwtguard.it.rest.shapes;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The rule on the interface's class: every method of an implementation needs Admin. */
@Path("iface")
@RolesAllowed("Admin")
public interface AdminApi {

    @GET
    String report();
}
