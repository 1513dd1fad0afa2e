package io.jwtguard.testing;

import io.jwtguard.JwtGuardListener;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.Refusal;
import io.jwtguard.TokenDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * A listener with a bug in every hook that only observes a refusal (failure, challenge, forbidden): JwtGuard
 * must log it and let the refusal stand (unit tests and EventsIT). Its deciding hooks change nothing.
 */
public class BrokenListener implements JwtGuardListener {

    @Override
    public Optional<String> messageReceived(HttpServletRequest request) {
        return Optional.empty();
    }

    @Override
    public TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
        return TokenDecision.accept();
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
