package io.jwtguard.testing;

import io.jwtguard.JwtGuardListener;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.Refusal;
import io.jwtguard.TokenDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/** A listener with a bug in every hook: JwtGuard must log it and carry on (unit tests and EventsIT). */
public class BrokenListener implements JwtGuardListener {

    @Override
    public Optional<String> messageReceived(HttpServletRequest request) {
        throw new IllegalStateException("bug");
    }

    @Override
    public TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
        throw new IllegalStateException("bug");
    }

    @Override
    public void authenticationFailed(HttpServletRequest request, Refusal failure) {
        throw new IllegalStateException("bug");
    }

    @Override
    public boolean challenge(HttpServletRequest request, HttpServletResponse response, Refusal failure) {
        throw new IllegalStateException("bug");
    }

    @Override
    public void forbidden(HttpServletRequest request, JwtPrincipal principal, Refusal failure) {
        throw new IllegalStateException("bug");
    }
}
