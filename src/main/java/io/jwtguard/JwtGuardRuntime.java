package io.jwtguard;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Not for applications: how the classes of this package that a container or Jakarta REST creates by name (the
 * filters, the listener, the feature, the token endpoints) and its static lookups reach JwtGuard's implementation.
 * JwtGuard's jar holds the one implementation, declared in {@code META-INF/services} and found with
 * {@link java.util.ServiceLoader}, so that the implementation depends on this package and this package on nothing of
 * it (the same arrangement as Jakarta REST's {@code RuntimeDelegate}). Implementations are stateless and thread-safe.
 */
public interface JwtGuardRuntime {

    /** The inside of one of the four public filters: its init, its stages and its end. */
    Filter filter(Class<? extends Filter> publicFilter);

    /** The deployment check once the application's listeners have registered their servlets and filters. */
    void contextInitialized(ServletContext context);

    /** The application stops: what JwtGuard started or registered for it goes too. */
    void contextDestroyed(ServletContext context);

    /** The resource-method rules of one Jakarta REST application, behind {@link JwtGuardFeature}. */
    ResourceRules resourceRules();

    /** What {@link TokenRefreshServlet} answers. */
    void refresh(HttpServletRequest request, HttpServletResponse response) throws IOException;

    /** What {@link LogoutServlet} answers. */
    void logout(HttpServletRequest request, HttpServletResponse response) throws IOException;

    /** Behind {@link TokenIssuer#of(ServletContext)}. */
    TokenIssuer tokenIssuer(ServletContext context);

    /** Behind {@link Revocations#of(ServletContext)}. */
    Revocations revocations(ServletContext context);

    /**
     * What a {@link JwtPrincipal} keeps of the roles and claims it is given: a read-only copy, or JwtGuard's own
     * read-only forms as they are. A service of its own, found apart from the runtime, so that a principal is made
     * where there is no Servlet API (the command line). Stateless.
     */
    interface Principals {

        Set<String> roles(Set<String> roles);

        Map<String, Object> claims(Map<String, ?> claims);
    }

    /** The rules of one Jakarta REST application's resource methods. Thread-safe. */
    interface ResourceRules {

        /** Jakarta REST hands over one resource method while it starts the application. */
        void configure(ServletContext context, ServletConfig config, Class<?> resource, Method method);

        /** Applies the rule of the method Jakarta REST picked, aborting the request when it does not hold. */
        void filter(ContainerRequestContext request, ServletContext context, HttpServletRequest http,
                HttpServletResponse response, Class<?> resource, Method method) throws IOException;
    }
}
