package io.jwtguard.it.rest.shapes;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A generic abstract superclass whose abstract method carries the rule. */
public abstract class AbstractCrud<T> {

    @POST
    @Path("put")
    @RolesAllowed("Admin")
    public abstract String put(T body);
}
