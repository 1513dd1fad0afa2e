package io.jwtguard.it.rest.shapes;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Implements {@link AdminApi} with no security annotation of its own. */
@Path("iface")
@Produces("text/plain")
public class AdminApiResource implements AdminApi {

    @Override
    public String report() {
        return "admin report";
    }
}
