package io.jwtguard.internal.pipeline;

import io.jwtguard.AllowAnonymous;

/**
 * The development console's servlet, {@code /jwtguard/console}. {@link Deployment} registers it under
 * {@link #NAME} only with {@code jwtguard.diagnostics=development}; the authorization stage recognises it by the
 * servlet the container mapped the request to and lets the {@link Console} answer. Reached without JwtGuard's
 * filter, it answers 404. Stateless.
 */
@AllowAnonymous
public final class ConsoleEndpoint extends FilterAnsweredServlet {

    private static final long serialVersionUID = 1L;

    static final String NAME = "JwtGuard console";
    static final String PATH = "/jwtguard/console";
}
