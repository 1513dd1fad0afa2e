package io.jwtguard.internal.pipeline;

import io.jwtguard.AllowAnonymous;

/**
 * The development-only rule table endpoint, {@code /.well-known/jwtguard}. {@link JwtGuardInitializer}
 * registers it under {@link #NAME} only with {@code jwtguard.diagnostics=development}, and the
 * authorization stage recognises it by the servlet the container mapped the request to (never by
 * comparing URIs) and answers with the table itself. Reached without JwtGuard's filter, it answers 404.
 * Stateless.
 */
@AllowAnonymous
public final class RulesEndpoint extends FilterAnsweredServlet {

    private static final long serialVersionUID = 1L;

    static final String NAME = "JwtGuard rule table";
    static final String PATH = "/.well-known/jwtguard";
}
