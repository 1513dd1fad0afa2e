package io.jwtguard.internal.rest;

import io.jwtguard.JwtGuardRuntime;
import io.jwtguard.Reason;
import io.jwtguard.internal.authz.Rule;
import io.jwtguard.internal.authz.RuleReport;
import io.jwtguard.internal.authz.RuleTable;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.pipeline.Pipeline;
import io.jwtguard.internal.pipeline.Responder;
import io.jwtguard.internal.pipeline.RestServlets;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of one Jakarta REST application's resource methods, behind {@code JwtGuardFeature}. When Jakarta REST
 * starts the application it hands over each resource method: its rule is read (as a servlet's is), logged as a row
 * of the start-up table, and the servlet announces itself, so that the filter leaves its requests' rule to this
 * class. Once Jakarta REST has picked the method a request runs, its rule is applied with the authentication the
 * filter left on the request. A method it was never handed (a sub-resource) has its rule read then. Thread-safe.
 */
public final class ResourceRules implements JwtGuardRuntime.ResourceRules {

    private static final System.Logger LOG = System.getLogger("io.jwtguard");

    /**
     * A resource method's rule, or why it has none (a problem the log names).
     *
     * @param applications whether the method is the application's (its class or a supertype has {@code @Path}),
     *     not one the runtime added (Jersey's generated OPTIONS and WADL handlers)
     */
    private record Read(Rule rule, String problem, boolean applications) {
    }

    private record Key(Class<?> resource, Method method) {
    }

    private final ConcurrentHashMap<Key, Read> rules = new ConcurrentHashMap<>();
    /** The class rules of resources met as parents of a sub-resource; one entry per resource class, so bounded. */
    private final ConcurrentHashMap<Class<?>, Read> classRules = new ConcurrentHashMap<>();

    /** Jakarta REST hands over one resource method while it starts the application. */
    @Override
    public void configure(ServletContext context, ServletConfig config, Class<?> resource, Method method) {
        if (context == null) {
            LOG.log(Level.ERROR, "JwtGuard: the Jakarta REST runtime did not give JwtGuardFeature the ServletContext,"
                    + " so resource " + resource.getName() + " cannot be guarded: its requests are refused");
            return;
        }
        Read read = rules.computeIfAbsent(new Key(resource, method), key -> read(context, key));
        String servlet = servletName(config);
        List<Method> declarations = RuleTable.declarations(resource, method);
        String row = httpMethod(declarations) + " " + path(context, servlet, resource, declarations);
        if (!RuleTable.isResourceMethod(resource, method) && !read.applications()) {
            // The runtime's own handlers (Jersey's generated OPTIONS, its WADL): guarded, but not the application's.
            LOG.log(Level.DEBUG, () -> "JwtGuard rule for Jakarta REST " + resource.getName() + "." + method.getName()
                    + ": " + (read.rule() == null ? read.problem() : read.rule().describe()));
        } else if (read.rule() == null) {
            LOG.log(Level.ERROR, "JwtGuard: Jakarta REST " + row + " is refused to every caller: " + read.problem());
            RestServlets.of(context).resourceRow(row, "refused to every caller: " + read.problem());
        } else {
            RestServlets.of(context).resourceRow(row, read.rule().describe() + " (" + read.rule().origin() + ")");
            LOG.log(Level.INFO, "JwtGuard rule for Jakarta REST " + row + " (servlet '" + servlet + "' of "
                    + contextName(context) + "): " + read.rule().describe() + " (" + read.rule().origin() + ")");
            if ("POST".equals(httpMethod(declarations)) && RuleReport.looksLikeLogin(row)
                    && read.rule().kind() != Rule.Kind.ANONYMOUS) {
                LOG.log(Level.WARNING, "JwtGuard: Jakarta REST " + row + " looks like a login endpoint but needs"
                        + " authentication, so clients without a token can never log in; add @AllowAnonymous");
            }
        }
        if (servlet != null) {
            RestServlets.of(context).announce(servlet);
        }
    }

    /**
     * Applies the rule of the method Jakarta REST picked, aborting the request with JwtGuard's refusal when it
     * does not hold. Fails closed: no JwtGuard filter in front, or no readable rule, refuses as a server fault.
     */
    @Override
    public void filter(ContainerRequestContext request, ServletContext context, HttpServletRequest http,
            HttpServletResponse response, Class<?> resource, Method method) throws IOException {
        Optional<Pipeline> pipeline = context == null || http == null ? Optional.empty()
                : Pipeline.authorizing(context);
        if (pipeline.isEmpty() || resource == null || method == null) {
            request.abortWith(toResponse(Pipeline.unguardedResource()));
            return;
        }
        Read read = rules.computeIfAbsent(new Key(resource, method), key -> read(context, key));
        Read withParents = read.rule() == null ? read : withParents(read, context, request);
        Pipeline.ResourceVerdict verdict = withParents.rule() != null
                ? pipeline.get().authorizeResource(http, response, withParents.rule())
                : pipeline.get().refuseResource(http, response, Failure.serverFault(Reason.CONFIGURATION_INVALID,
                        "this endpoint's rule could not be read; this is a server fault", withParents.problem()));
        if (!verdict.proceeds()) {
            request.abortWith(toResponse(verdict, response));
        }
    }

    /**
     * The rule once the class rules of the resources matched before this one are added: a sub-resource reached
     * through a locator of {@code @Path("parent") @RolesAllowed("Admin")} needs Admin too. Jakarta REST lists the
     * matched resources current first (UriInfo.getMatchedResources), so the parents are the rest of that list.
     */
    private Read withParents(Read read, ServletContext context, ContainerRequestContext request) {
        List<Object> matched = request.getUriInfo() == null ? List.of() : request.getUriInfo().getMatchedResources();
        if (matched.size() < 2) {
            return read;
        }
        List<Rule> parents = new ArrayList<>();
        for (Object parent : matched.subList(1, matched.size())) {
            Read parentRule = classRules.computeIfAbsent(parent.getClass(), type -> readClass(context, type));
            if (parentRule.problem() != null) {
                return parentRule;
            }
            parents.add(parentRule.rule());
        }
        return new Read(RuleTable.withParents(read.rule(), parents), null, true);
    }

    private static Read readClass(ServletContext context, Class<?> type) {
        Optional<RestServlets.Basis> basis = RestServlets.of(context).basis();
        if (basis.isEmpty()) {
            return new Read(null, "JwtGuard's deployment check did not run for " + contextName(context), true);
        }
        Problems problems = new Problems();
        Rule rule = RuleTable.forResourceClass(type, basis.get().policies(), problems);
        return problems.isEmpty() ? new Read(rule, null, true) : new Read(null, String.join("; ", problems.all()), true);
    }

    /** The refusal for Jakarta REST to send; a listener's own answer is on the servlet response already. */
    static Response toResponse(Pipeline.ResourceVerdict verdict, HttpServletResponse response) throws IOException {
        if (verdict.answer().isPresent()) {
            return toResponse(verdict.answer().get());
        }
        response.flushBuffer();
        return Response.status(response.getStatus()).build();
    }

    private static Read read(ServletContext context, Key key) {
        boolean applications = applications(key.resource());
        Optional<RestServlets.Basis> basis = RestServlets.of(context).basis();
        if (basis.isEmpty()) {
            return new Read(null, "JwtGuard's deployment check did not run for " + contextName(context)
                    + " (no JwtGuard filter that authorizes, or its initializer and listener left out by web.xml's"
                    + " <absolute-ordering>), so there are no settings to read the rule with", applications);
        }
        Problems problems = new Problems();
        List<String> warnings = new ArrayList<>();
        if (applications && !RuleTable.isResourceMethod(key.resource(), key.method())) {
            // Jakarta REST serves it, yet no declaration links it to @GET, @POST...: its rule cannot be known.
            problems.add("resource " + key.resource().getName() + ": method " + key.method().getName()
                    + " is served by Jakarta REST but JwtGuard cannot link it to the declaration that carries its"
                    + " HTTP method annotation, so its rule is unknown; declare the annotations on the method itself");
        }
        RuleTable.checkResourcePlacement(key.resource(), problems);
        Rule rule = RuleTable.forResourceMethod(key.resource(), key.method(), basis.get().fallback(),
                basis.get().policies(), problems, warnings);
        warnings.forEach(warning -> LOG.log(Level.WARNING, "JwtGuard: " + warning));
        return problems.isEmpty() ? new Read(rule, null, applications)
                : new Read(null, String.join("; ", problems.all()), applications);
    }

    /** Whether {@code type} or one of its supertypes carries {@code @Path}: a resource of the application. */
    private static boolean applications(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Path.class)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (i.isAnnotationPresent(Path.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Response toResponse(Responder.Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body())
                .type("application/problem+json");
        answer.headers().forEach(response::header);
        return response.build();
    }

    /**
     * The servlet this application runs in, or null when the runtime does not say (Jersey run as a filter): then
     * nothing is announced and the servlet's own rule applies as well. Never guessed: announcing the wrong servlet
     * would leave another application's resources without their rules.
     */
    private static String servletName(ServletConfig config) {
        try {
            return config == null ? null : config.getServletName();
        } catch (RuntimeException e) {
            return null; // an injected proxy with no servlet behind it
        }
    }

    /** The HTTP method of the nearest declaration that names one (an interface's, where the class's names none). */
    private static String httpMethod(List<Method> declarations) {
        for (Method method : declarations) {
            for (Annotation annotation : method.getAnnotations()) {
                HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                if (http != null) {
                    return http.value();
                }
            }
        }
        return "";
    }

    /** The URL path template of a resource method: the servlet's mapping, the class's and the method's @Path. */
    private static String path(ServletContext context, String servlet, Class<?> resource, List<Method> declarations) {
        StringBuilder path = new StringBuilder();
        ServletRegistration registration = servlet == null ? null : context.getServletRegistration(servlet);
        if (registration != null && !registration.getMappings().isEmpty()) {
            path.append(registration.getMappings().iterator().next().replaceAll("/?\\*$", ""));
        }
        Path methodPath = declarations.stream().map(m -> m.getAnnotation(Path.class)).filter(p -> p != null)
                .findFirst().orElse(null);
        for (Path part : new Path[] {resource.getAnnotation(Path.class), methodPath}) {
            if (part != null && !part.value().isBlank() && !part.value().equals("/")) {
                path.append('/').append(part.value().replaceAll("^/+|/+$", ""));
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    private static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "the root context" : "context " + path;
    }
}
