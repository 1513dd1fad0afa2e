package io.jwtguard.internal.authz;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The standard {@code jakarta.annotation.security} annotations ({@code @RolesAllowed}, {@code @PermitAll},
 * {@code @DenyAll}) read by name, so that JwtGuard needs no annotation API at run time: an application that never
 * uses them need not ship it. Stateless.
 */
final class StandardAnnotations {

    private static final String PACKAGE = "jakarta.annotation.security.";
    private static final Set<String> NAMES = Set.of("RolesAllowed", "PermitAll", "DenyAll");

    private StandardAnnotations() {
    }

    /** {@code @RolesAllowed}, {@code @PermitAll} or {@code @DenyAll}, by name. */
    static boolean isStandard(Annotation annotation) {
        String type = annotation.annotationType().getName();
        return type.startsWith(PACKAGE) && NAMES.contains(type.substring(PACKAGE.length()));
    }

    /** The standard annotation declared on {@code element}, or {@code null}. */
    static Annotation on(AnnotatedElement element) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (isStandard(annotation)) {
                return annotation;
            }
        }
        return null;
    }

    /**
     * The rule {@code annotation} declares on {@code where}. {@code @RolesAllowed("*")} is any authenticated caller,
     * as MicroProfile JWT defines it; a {@code @RolesAllowed} with no role or a blank one is a problem, added to
     * {@code problems} with {@code servlet} (the servlet or resource being read) in front.
     */
    static Rule rule(String servlet, String where, Annotation annotation, List<String> problems) {
        String name = annotation.annotationType().getSimpleName();
        return switch (name) {
            case "PermitAll" -> Rule.anonymous("@PermitAll on " + where);
            case "DenyAll" -> Rule.deny("@DenyAll on " + where);
            default -> {
                Set<String> roles = new LinkedHashSet<>(Arrays.asList(rolesAllowed(annotation)));
                if (roles.isEmpty() || roles.stream().anyMatch(String::isBlank)) {
                    problems.add(servlet + ": @RolesAllowed on " + where + " names no role or a"
                            + " blank one; name the roles, or \"*\" for any authenticated caller");
                }
                yield roles.contains("*") ? Rule.authenticated("@RolesAllowed(\"*\") on " + where)
                        : Rule.restricted(roles, "", "@RolesAllowed on " + where);
            }
        };
    }

    private static String[] rolesAllowed(Annotation annotation) {
        try {
            return (String[]) annotation.annotationType().getMethod("value").invoke(annotation);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new String[0];
        }
    }
}
