package io.jwtguard.internal.pipeline;

import jakarta.servlet.http.HttpServlet;
import java.lang.System.Logger.Level;

/**
 * Tells at start-up which Jakarta REST servlets started without {@code JwtGuardFeature} (an application that lists
 * its classes and leaves the feature out), rather than only at their first request, which JwtGuard refuses. Started
 * last, with the largest load-on-startup (containers start such servlets in that order), after the dispatchers it
 * checks; mapped to no path, so no request ever reaches it.
 */
public final class RestStartupCheck extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String NAME = "JwtGuard Jakarta REST start-up check";

    /** Public, with this constructor, for the container that creates it; its {@code init} never throws. */
    public RestStartupCheck() {
    }

    @Override
    public void init() {
        Installation.find(getServletContext()).ifPresent(installation -> installation.restServletsWithoutFeature()
                .forEach(servlet -> Refusals.LOG.log(Level.ERROR, "JwtGuard: Jakarta REST servlet '" + servlet + "' of "
                        + Pipeline.contextName(getServletContext()) + " started without io.jwtguard.JwtGuardFeature"
                        + " (its application lists its classes and leaves the feature out), so every request to it is"
                        + " refused with 500 configuration_invalid: register io.jwtguard.JwtGuardFeature in the"
                        + " application (Application.getClasses, or Jersey's ResourceConfig.register)")));
    }
}
