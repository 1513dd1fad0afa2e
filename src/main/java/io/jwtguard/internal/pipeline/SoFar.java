package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.authn.AuthenticationResult;
import jakarta.servlet.ServletRequest;

/**
 * What JwtGuard's stages decided so far for one request, carried from stage to stage and across the request's later
 * dispatches (FORWARD, INCLUDE, ASYNC, ERROR), and to the code the container calls rather than JwtGuard (the Jakarta
 * REST feature, the next filter): the one request attribute JwtGuard sets, which clients cannot set. Each stage
 * replaces it with a new value; never changed in place.
 *
 * @param corsDone the CORS stage ran (or the container module ran it) for this request
 * @param authentication the authentication stage's result, or null before it ran
 * @param byContainer the container's authentication module authenticated the request (container identity mode)
 * @param resourceRulePending the servlet is a Jakarta REST one whose resource rule the feature still has to apply
 */
record SoFar(boolean corsDone, AuthenticationResult authentication, boolean byContainer, boolean resourceRulePending) {

    private static final String ATTRIBUTE = "io.jwtguard.request";
    private static final SoFar NOTHING = new SoFar(false, null, false, false);

    /** What earlier stages left on {@code request}; nothing yet for a request JwtGuard has not seen. */
    static SoFar of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof SoFar decided ? decided : NOTHING;
    }

    boolean authenticated() {
        return authentication != null;
    }

    SoFar corsRan() {
        return new SoFar(true, authentication, byContainer, resourceRulePending);
    }

    SoFar authenticatedAs(AuthenticationResult result) {
        return new SoFar(corsDone, result, byContainer, resourceRulePending);
    }

    /** @param corsRan whether the module ran the CORS stage too (it does where the filter it runs for does) */
    SoFar authenticatedByContainer(AuthenticationResult result, boolean corsRan) {
        return new SoFar(corsRan, result, true, resourceRulePending);
    }

    SoFar resourceRule(boolean pending) {
        return new SoFar(corsDone, authentication, byContainer, pending);
    }

    /** Leaves this value on the request for the stages and dispatches after. */
    void on(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
