package io.jwtguard.it.rest.shapes;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Implements {@link AuditApi} with no security annotation of its own. */
@Path("audit")
@Produces("text/plain")
public class AuditResource implements AuditApi {

    @Override
    public String audit() {
        return "audit log";
    }
}
