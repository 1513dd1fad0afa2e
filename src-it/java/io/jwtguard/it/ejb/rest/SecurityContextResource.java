package io.jwtguard.it.ejb.rest;

import io.jwtguard.Authorize;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.security.Principal;

/** What Jakarta Security's {@code SecurityContext} says of the caller (deployed on WildFly only). */
@Path("jakarta-security")
@RequestScoped
@Authorize
@Produces("text/plain")
public class SecurityContextResource {

    @Inject
    SecurityContext security;

    @GET
    public String caller() {
        Principal caller = security.getCallerPrincipal();
        return "jakartaSecurity=" + (caller == null ? null : caller.getName()) + " admin="
                + security.isCallerInRole("Admin");
    }
}
