package io.jwtguard.it.app;

import io.jwtguard.JwtGuardListener;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.Reason;
import io.jwtguard.Refusal;
import io.jwtguard.TokenDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener an application might write: tokens from its own header, a revocation check, an extra role
 * for the audit department, a hint on every challenge, and a count of forbidden calls kept in the
 * application's context (read back by {@link CountersServlet}).
 */
public class AuditListener implements JwtGuardListener {

    @Override
    public Optional<String> messageReceived(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader("X-Api-Token"));
    }

    @Override
    public TokenDecision tokenValidated(HttpServletRequest request, JwtPrincipal principal) {
        if (principal.getName().equals("store-down")) {
            // What a revocation check does when its store cannot be reached.
            throw new IllegalStateException("revocation store at redis://10.0.0.7:6379 unreachable");
        }
        if (Boolean.TRUE.equals(principal.getClaim("revoked").orElse(false))) {
            return TokenDecision.reject(Reason.INSUFFICIENT_ROLE, "this token was revoked");
        }
        return "audit".equals(principal.getClaim("department").orElse(null))
                ? TokenDecision.addRoles(Set.of("Admin")) : TokenDecision.accept();
    }

    @Override
    public void authenticationFailed(HttpServletRequest request, Refusal failure) {
        count(request, "failed");
    }

    @Override
    public boolean challenge(HttpServletRequest request, HttpServletResponse response, Refusal failure) {
        response.setHeader("X-Login-Hint", "POST /login");
        return false;
    }

    @Override
    public void forbidden(HttpServletRequest request, JwtPrincipal principal, Refusal failure) {
        count(request, "forbidden");
    }

    private static void count(HttpServletRequest request, String what) {
        Object counter = request.getServletContext().getAttribute("audit." + what);
        if (counter == null) {
            request.getServletContext().setAttribute("audit." + what, new AtomicInteger());
        }
        ((AtomicInteger) request.getServletContext().getAttribute("audit." + what)).incrementAndGet();
    }
}
