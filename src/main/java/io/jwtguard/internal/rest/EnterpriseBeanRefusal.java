package io.jwtguard.internal.rest;

import io.jwtguard.internal.pipeline.Pipeline;
import jakarta.ejb.EJBAccessException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An enterprise bean's {@code @RolesAllowed} refused the caller a resource method called it for: answered as
 * JwtGuard's 403 {@code insufficient_role}, logged and counted like every refusal, where RESTEasy would otherwise
 * answer 500 with the bean's method in the body. Named in JwtGuard's {@code META-INF/services/jakarta.ws.rs.ext.Providers},
 * which RESTEasy reads; it needs the enterprise beans API, so it is not a scanned {@code @Provider}.
 */
public final class EnterpriseBeanRefusal implements ExceptionMapper<EJBAccessException> {

    @Context
    private ServletContext servletContext;
    @Context
    private HttpServletRequest request;
    @Context
    private HttpServletResponse response;

    @Override
    public Response toResponse(EJBAccessException refused) {
        try {
            Optional<Pipeline> pipeline = servletContext == null || request == null ? Optional.empty()
                    : Pipeline.authorizing(servletContext);
            if (pipeline.isEmpty()) {
                return ResourceRules.toResponse(Pipeline.unguardedResource());
            }
            return ResourceRules.toResponse(pipeline.get().refuseForEnterpriseBean(request, response), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
