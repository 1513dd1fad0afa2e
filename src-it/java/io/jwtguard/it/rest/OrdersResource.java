package io.jwtguard.it.rest;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** Orders: any authenticated caller by the class rule, Admin for all of them, a quote for anyone, no purge. */
@Path("orders")
@Authorize
@Produces("text/plain")
public class OrdersResource {

    /** The Jakarta REST security context: the caller JwtGuard verified, in both modes. */
    @GET
    public String mine(@Context SecurityContext security) {
        return "caller=" + security.getUserPrincipal().getName() + " admin=" + security.isUserInRole("Admin")
                + " user=" + security.isUserInRole("User");
    }

    @GET
    @Path("all")
    @RolesAllowed("Admin")
    public String all() {
        return "all orders";
    }

    @POST
    @Path("quote")
    @AllowAnonymous
    public String quote() {
        return "quote: 42";
    }

    @DELETE
    @Path("{id}")
    @DenyAll
    public String purge(@PathParam("id") String id) {
        return "purged " + id;
    }
}
