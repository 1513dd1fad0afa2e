package io.jwtguard.internal.authz;

import io.jwtguard.internal.config.Problems;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Security annotations where JwtGuard would not read them are refused, never ignored: on a servlet it reads the class
 * and its {@code doXxx} handlers, on a Jakarta REST resource the class and its resource methods, nothing else. Each
 * problem names the class, the method and where to move the rule. Stateless.
 */
final class AnnotationPlacement {

    private AnnotationPlacement() {
    }

    /**
     * A servlet's annotations on anything but its class and its {@code doXxx(HttpServletRequest, HttpServletResponse)}
     * handlers ({@code service} included, whose rule would silently compete with the handlers') are problems.
     * {@code @ServletSecurity} is named in a warning: the container enforces it before any filter, with no caller it
     * knows.
     */
    static void checkServlet(String servlet, Class<?> type, List<String> problems, List<String> warnings) {
        for (Class<?> c : ServletRuleReader.hierarchy(type)) {
            for (Method method : c.getDeclaredMethods()) {
                List<String> found = AnnotationReader.securityAnnotations(method);
                if (!found.isEmpty() && !ServletRuleReader.isHandler(method)) {
                    problems.add(servlet + ": " + String.join(" and ", found) + " on "
                            + c.getSimpleName() + "." + method.getName() + " has no effect: JwtGuard reads the"
                            + " servlet class and its doGet/doPost/doPut/doDelete/doHead/doOptions/doTrace/doPatch"
                            + " methods; move it to the class (every HTTP method) or to those methods");
                }
            }
            for (Annotation annotation : c.getDeclaredAnnotations()) {
                if (annotation.annotationType().getName().equals("jakarta.servlet.annotation.ServletSecurity")) {
                    warnings.add(servlet + ": @ServletSecurity on " + c.getSimpleName() + " is"
                            + " enforced by the container before any filter, and the container does not know"
                            + " JwtGuard's caller: the constrained requests are refused there; express the rule"
                            + " with @Authorize or @RolesAllowed instead");
                }
            }
        }
    }

    /**
     * A resource's annotations on a method Jakarta REST never serves (a helper, a sub-resource locator), on the class
     * or any of its supertypes, are problems.
     */
    static void checkResource(Class<?> resource, Problems problems) {
        for (Class<?> c : Overrides.typesOf(resource)) {
            for (Method method : c.getDeclaredMethods()) {
                List<String> found = AnnotationReader.securityAnnotations(method);
                if (!found.isEmpty() && !ResourceMethodRules.isResourceMethod(resource, method)
                        && !method.isSynthetic()) {
                    problems.add("resource " + resource.getSimpleName() + ": " + String.join(" and ", found) + " on "
                            + c.getSimpleName() + "." + method.getName() + " has no effect: it is not a resource method"
                            + " (no @GET, @POST, ...)" + (ResourceMethodRules.isAnnotated(method, "jakarta.ws.rs.Path")
                            ? ", but a sub-resource locator; put the rule on the sub-resource's class or methods"
                            : "; move it to the resource methods or the class"));
                }
            }
        }
    }
}
