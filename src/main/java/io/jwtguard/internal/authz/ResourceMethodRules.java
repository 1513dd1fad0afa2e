package io.jwtguard.internal.authz;

import io.jwtguard.internal.config.Problems;
import io.jwtguard.internal.config.Settings;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * The rules of Jakarta REST resource methods, read as a servlet's: the method's annotation (on it or on the
 * declarations it overrides or implements, found by {@link Overrides}), else its class's (the class, its superclasses
 * and its interfaces, all applying), else the fallback. Annotations on an interface a resource implements are the
 * usual Jakarta REST style, so inheriting a rule is no warning here, unlike on servlets. Jakarta REST annotations are
 * read by name: JwtGuard runs without the Jakarta REST API. Stateless.
 */
final class ResourceMethodRules {

    private ResourceMethodRules() {
    }

    /** See {@link RuleTable#forResourceMethod}. */
    static Rule forMethod(Class<?> resource, Method method, Settings.Fallback fallback, Set<String> policies,
            Problems problems, List<String> warnings) {
        AnnotationReader reader = new AnnotationReader(policies, false);
        String label = "resource " + resource.getSimpleName();
        Rule classRule = reader.combined(label, Overrides.typesOf(resource), c -> c);
        Rule methodRule = reader.combined(label, Overrides.of(resource, method), m -> m);
        reader.problems().forEach(problems::add);
        warnings.addAll(reader.warnings());
        return methodRule != null ? methodRule : classRule != null ? classRule : Rule.fallback(fallback);
    }

    /** See {@link RuleTable#forResourceClass}. */
    static Rule forClass(Class<?> resource, Set<String> policies, Problems problems) {
        AnnotationReader reader = new AnnotationReader(policies, false);
        Rule rule = reader.combined("resource " + resource.getSimpleName(), Overrides.typesOf(resource), c -> c);
        reader.problems().forEach(problems::add);
        return rule;
    }

    /** See {@link RuleTable#withParents}. */
    static Rule withParents(Rule rule, List<Rule> parentClassRules) {
        Rule combined = rule;
        for (Rule parent : parentClassRules) {
            if (parent != null) {
                combined = combined.and(parent);
            }
        }
        return combined;
    }

    /** See {@link RuleTable#isResourceMethod(Class, Method)}. */
    static boolean isResourceMethod(Class<?> resource, Method method) {
        return Overrides.of(resource, method).stream().anyMatch(ResourceMethodRules::isResourceMethod);
    }

    /** Has an annotation that is itself annotated {@code @HttpMethod}: {@code @GET}, {@code @POST}, custom ones. */
    static boolean isResourceMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (isAnnotated(annotation.annotationType(), "jakarta.ws.rs.HttpMethod")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code element} carries the annotation named {@code annotationName}. */
    static boolean isAnnotated(AnnotatedElement element, String annotationName) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return true;
            }
        }
        return false;
    }
}
