package io.jwtguard.it.rest.shapes;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Admin only, and so is what its locator hands on: the class rule reaches the unannotated sub-resource. */
@Path("parent")
@RolesAllowed("Admin")
@Produces("text/plain")
public class ParentResource {

    @GET
    public String get() {
        return "parent";
    }

    @Path("child")
    public ChildResource child() {
        return new ChildResource();
    }
}
