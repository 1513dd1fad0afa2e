package io.jwtguard.internal.pipeline;

import io.jwtguard.Revocations;
import io.jwtguard.TokenIssuer;
import jakarta.servlet.ServletContext;

/** What JwtGuard hands the application's own code, behind {@code TokenIssuer.of} and {@code Revocations.of}: its one guard's. */
public final class Published {

    private Published() {
    }

    public static TokenIssuer tokenIssuer(ServletContext context) {
        return Installation.of(context).tokenIssuer();
    }

    public static Revocations revocations(ServletContext context) {
        return Installation.of(context).revocations();
    }
}
