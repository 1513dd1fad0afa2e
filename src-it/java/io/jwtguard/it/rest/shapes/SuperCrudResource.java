package io.jwtguard.it.rest.shapes;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Extends {@code AbstractCrud<String>} without annotating its override. */
@Path("generic-super")
@Produces("text/plain")
@Consumes("text/plain")
public class SuperCrudResource extends AbstractCrud<String> {

    @Override
    public String put(String body) {
        return "put " + body;
    }
}
