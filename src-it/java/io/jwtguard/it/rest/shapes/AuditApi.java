package io.jwtguard.it.rest.shapes;

import io.jwtguard.Authorize;
import jakarta.ws.rs.GET;

/** JwtGuard's own annotation on the interface's class. */
@Authorize(roles = "Admin")
public interface AuditApi {

    @GET
    String audit();
}
