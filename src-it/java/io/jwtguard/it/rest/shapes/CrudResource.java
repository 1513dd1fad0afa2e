package io.jwtguard.it.rest.shapes;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Implements {@code Crud<String>}: its {@code put(String)} overrides the erased {@code put(Object)}, rule and all. */
@Path("generic")
@Produces("text/plain")
@Consumes("text/plain")
public class CrudResource implements Crud<String> {

    @Override
    public String put(String body) {
        return "put " + body;
    }

    @Override
    public String get() {
        return "got";
    }
}
