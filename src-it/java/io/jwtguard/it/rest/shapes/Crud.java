package io.jwtguard.it.rest.shapes;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A generic interface whose method carries the rule: its implementations take a concrete type. */
public interface Crud<T> {

    @POST
    @Path("put")
    @RolesAllowed("Admin")
    String put(T body);

    @GET
    @Path("get")
    String get();
}
