package io.jwtguard;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * JwtGuard's rules on Jakarta REST resources: {@code @Authorize}, {@code @AllowAnonymous}, {@code @RolesAllowed},
 * {@code @PermitAll} and {@code @DenyAll} on resource classes and methods, applied once Jakarta REST has picked the
 * method a request runs, with the caller JwtGuard's filter verified, and the same reasons and answers as on
 * servlets. Resource methods without annotations get the fallback.
 *
 * <p>Nothing to register in most applications: Jakarta REST finds it in JwtGuard's jar when it scans the
 * application (an {@code Application} whose {@code getClasses} is empty), and RESTEasy always does. An
 * application that lists its classes registers it too: {@code getClasses().add(JwtGuardFeature.class)}, or
 * Jersey's {@code ResourceConfig.register(JwtGuardFeature.class)}. Where Jersey or RESTEasy runs without it,
 * JwtGuard refuses that servlet's requests (500 {@code configuration_invalid}) rather than let its resources'
 * rules go unapplied.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public final class JwtGuardFeature implements DynamicFeature, ContainerRequestFilter {

    @Context
    private ServletContext servletContext;
    @Context
    private ServletConfig servletConfig;
    @Context
    private HttpServletRequest request;
    @Context
    private HttpServletResponse response;
    @Context
    private ResourceInfo resourceInfo;

    private final JwtGuardRuntime.ResourceRules rules = Implementation.runtime().resourceRules();

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        rules.configure(servletContext, servletConfig, resource.getResourceClass(), resource.getResourceMethod());
    }

    @Override
    public void filter(ContainerRequestContext requestContext) throws IOException {
        rules.filter(requestContext, servletContext, request, response, resourceInfo.getResourceClass(),
                resourceInfo.getResourceMethod());
    }
}
