package io.jwtguard.internal.pipeline;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import io.jwtguard.internal.config.InvalidSettingsException;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import java.util.Set;

/**
 * Runs JwtGuard's start-up self-check when the application deploys, found by the container through
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}. Containers may initialise
 * filters lazily (WildFly's Undertow does, on the first request), so a check only in
 * {@code JwtGuardFilter.init} would leave a deployment that looks healthy and answers 500 to every
 * request; this one fails the deployment instead, with the same message. It is the first of the two
 * passes of {@link Deployment}; the container hands it the classes carrying JwtGuard's annotations, so that
 * one placed where it would have no effect is refused. Stateless.
 */
@HandlesTypes({Authorize.class, AllowAnonymous.class})
public final class JwtGuardInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        try {
            Deployment.atStartup(classes, context);
        } catch (InvalidSettingsException e) {
            throw new ServletException(e.getMessage());
        }
    }
}
