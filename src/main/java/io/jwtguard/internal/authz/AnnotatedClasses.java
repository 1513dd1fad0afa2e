package io.jwtguard.internal.authz;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * JwtGuard's annotations on classes its rule table never reads: a filter, a plain bean. Each is refused at
 * start-up, naming the class and what to do, instead of being silently ignored while the fallback applies. A
 * Jakarta REST resource's rules are JwtGuardFeature's to enforce; here they are read as well, so that every problem
 * in them fails the deployment before Jakarta REST starts. A servlet class that no registration uses serves nothing:
 * named in a warning. Only classes of the application itself count (its {@code WEB-INF/classes} and
 * {@code WEB-INF/lib}), not whatever else a container's scan may hand over. Stateless.
 */
final class AnnotatedClasses {

    private AnnotatedClasses() {
    }

    /**
     * @param annotated the classes the container's scan found with JwtGuard's annotations
     * @param servlets the registered servlets' classes, whose annotations (and their superclasses') the table reads
     */
    static void check(Set<Class<?>> annotated, Collection<Class<?>> servlets, ServletContext context,
            Settings.Fallback fallback, Set<String> policies, Problems problems, List<String> warnings) {
        for (Class<?> type : annotated) {
            // JwtGuard's own classes (its rule-table endpoint) are registered by JwtGuard when it wants them.
            if (fromJwtGuardItself(type) || !ofTheApplication(type, context) || standsAbove(type, servlets)) {
                continue;
            }
            String where = type.getName() + describe(type);
            if (isAnnotated(type, "jakarta.ws.rs.Path") || hasResourceMethod(type)) {
                // Enforced by JwtGuardFeature when Jakarta REST runs the resource; checked here, before it starts.
                AnnotationPlacement.checkResource(type, problems);
                for (Method method : type.getMethods()) {
                    if (ResourceMethodRules.isResourceMethod(type, method)) {
                        ResourceMethodRules.forMethod(type, method, fallback, policies, problems, new ArrayList<>());
                    }
                }
            } else if (Filter.class.isAssignableFrom(type)) {
                problems.add(where + " is a filter: JwtGuard reads its annotations only on servlets, so they would"
                        + " have no effect; put the rule on the servlets the filter is in front of");
            } else if (Servlet.class.isAssignableFrom(type)) {
                warnings.add(where + " is a servlet class that no registration uses, so its annotations guard nothing");
            } else {
                problems.add(where + " is not a servlet: JwtGuard reads its annotations only on the servlets it"
                        + " guards, so they would have no effect; put the rule on the servlet that serves the request");
            }
        }
    }

    /** Declares {@code @GET}, {@code @POST}...: a resource, or an interface or superclass resources inherit from. */
    private static boolean hasResourceMethod(Class<?> type) {
        for (Method method : type.getMethods()) {
            if (ResourceMethodRules.isResourceMethod(method)) {
                return true;
            }
        }
        return false;
    }

    /** A registered servlet's class or one of its superclasses, whose annotations the rule table reads. */
    private static boolean standsAbove(Class<?> type, Collection<Class<?>> servlets) {
        for (Class<?> servlet : servlets) {
            if (type.isAssignableFrom(servlet)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fromJwtGuardItself(Class<?> type) {
        java.security.CodeSource ours = AnnotatedClasses.class.getProtectionDomain().getCodeSource();
        java.security.CodeSource theirs = type.getProtectionDomain().getCodeSource();
        return ours != null && theirs != null && ours.getLocation() != null
                && ours.getLocation().equals(theirs.getLocation());
    }

    private static boolean ofTheApplication(Class<?> type, ServletContext context) {
        try {
            if (context.getResource("/WEB-INF/classes/" + type.getName().replace('.', '/') + ".class") != null) {
                return true;
            }
        } catch (java.net.MalformedURLException e) {
            return false;
        }
        java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
        return source != null && source.getLocation() != null
                && source.getLocation().toString().contains("/WEB-INF/lib/");
    }

    /** " (@Authorize on the class, on doSomething)": where the annotations are. */
    private static String describe(Class<?> type) {
        List<String> places = new ArrayList<>();
        if (carries(type)) {
            places.add("on the class");
        }
        for (Method method : type.getDeclaredMethods()) {
            if (carries(method)) {
                places.add("on " + method.getName());
            }
        }
        return places.isEmpty() ? "" : " (JwtGuard annotations " + String.join(", ", places) + ")";
    }

    private static boolean carries(AnnotatedElement element) {
        return element.isAnnotationPresent(Authorize.class) || element.isAnnotationPresent(AllowAnonymous.class);
    }

    private static boolean isAnnotated(Class<?> type, String annotation) {
        for (Annotation present : type.getAnnotations()) {
            if (present.annotationType().getName().equals(annotation)) {
                return true;
            }
        }
        for (Method method : type.getMethods()) {
            for (Annotation present : method.getAnnotations()) {
                if (present.annotationType().getName().equals(annotation)) {
                    return true;
                }
            }
        }
        return false;
    }
}
