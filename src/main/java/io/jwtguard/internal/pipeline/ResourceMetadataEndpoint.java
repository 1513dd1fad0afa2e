package io.jwtguard.internal.pipeline;

import io.jwtguard.AllowAnonymous;

/**
 * The protected resource metadata's servlet (RFC 9728 §3), {@code /.well-known/oauth-protected-resource} and its
 * path-inserted form. {@link Deployment} registers it under {@link #NAME} when {@code jwtguard.resource} is set; the
 * authorization stage recognises it by the servlet the container mapped the request to and has the
 * {@link Responder} answer with the document, without authentication. Reached without JwtGuard's filter, it answers
 * 404. Stateless.
 */
@AllowAnonymous
public final class ResourceMetadataEndpoint extends FilterAnsweredServlet {

    private static final long serialVersionUID = 1L;

    static final String NAME = "JwtGuard protected resource metadata";
}
