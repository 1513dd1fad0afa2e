package io.jwtguard.it.app;

import io.jwtguard.Authorize;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Step-up (RFC 9470): reading needs a token, paying a recent sign-in at class 2 or gold, refunding the configured
 * policy {@code Payments} (the same demand, from settings). Each answers the canary.
 */
@Authorize
public class StepUpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    @Override
    @Authorize(acr = {"2", "gold"}, maxAgeSeconds = 300)
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    @Override
    @Authorize(policy = "Payments")
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(Canary.BODY + " " + request.getMethod() + " for " + request.getRemoteUser());
    }
}
