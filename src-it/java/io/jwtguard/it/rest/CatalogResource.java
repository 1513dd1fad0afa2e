package io.jwtguard.it.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** No annotations: the fallback applies; and a sign-in that needs authentication, which start-up warns about. */
@Path("catalog")
@Produces("text/plain")
public class CatalogResource {

    @GET
    public String list() {
        return "catalog";
    }

    @POST
    @Path("signin")
    public String signIn() {
        return "signed in";
    }
}
