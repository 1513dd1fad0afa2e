package io.jwtguard.it.rest.shapes;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A singleton (one instance for every request, given by {@link SingletonApplication}): Admin only. */
@Path("counter")
@RolesAllowed("Admin")
@Produces("text/plain")
public class CounterResource {

    private final AtomicInteger count = new AtomicInteger();

    @GET
    public String next() {
        return "count " + count.incrementAndGet();
    }
}
