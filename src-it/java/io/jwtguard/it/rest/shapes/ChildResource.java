package io.jwtguard.it.rest.shapes;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;

/** A sub-resource with no annotation: reached only through {@link ParentResource}'s locator. */
@Produces("text/plain")
public class ChildResource {

    @GET
    public String get() {
        return "child";
    }
}
