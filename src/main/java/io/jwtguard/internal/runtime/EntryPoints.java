package io.jwtguard.internal.runtime;

import io.jwtguard.JwtGuardRuntime;
import io.jwtguard.Revocations;
import io.jwtguard.TokenIssuer;
import io.jwtguard.internal.pipeline.Deployment;
import io.jwtguard.internal.pipeline.FilterShell;
import io.jwtguard.internal.pipeline.Published;
import io.jwtguard.internal.pipeline.TokenEndpoints;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * JwtGuard's implementation as the public package's entry points reach it: each method hands over to the stage that
 * owns the work. Declared in {@code META-INF/services/io.jwtguard.JwtGuardRuntime}. Stateless.
 */
public final class EntryPoints implements JwtGuardRuntime {

    @Override
    public Filter filter(Class<? extends Filter> publicFilter) {
        return new FilterShell(publicFilter);
    }

    @Override
    public void contextInitialized(ServletContext context) {
        Deployment.afterRegistrations(context);
    }

    @Override
    public void contextDestroyed(ServletContext context) {
        Deployment.stopped(context);
    }

    @Override
    public JwtGuardRuntime.ResourceRules resourceRules() {
        return new io.jwtguard.internal.rest.ResourceRules(); // same simple name as the interface it implements
    }

    @Override
    public void refresh(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TokenEndpoints.refresh(request, response);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TokenEndpoints.logout(request, response);
    }

    @Override
    public TokenIssuer tokenIssuer(ServletContext context) {
        return Published.tokenIssuer(context);
    }

    @Override
    public Revocations revocations(ServletContext context) {
        return Published.revocations(context);
    }
}
