package io.jwtguard.internal.authz;

import io.jwtguard.AllowAnonymous;
import io.jwtguard.Authorize;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns annotations into rules: the rule one element declares (JwtGuard's {@code @Authorize} /
 * {@code @AllowAnonymous}, or a standard one through {@link StandardAnnotations}), and the rule of all the
 * declarations of one element along a type hierarchy, combined ({@link Rule#and}) so that an override never silently
 * drops its parent's rule. Collects every problem and warning instead of stopping at the first, so start-up names them
 * all at once. One reader per table or resource, used by one thread, then discarded.
 */
final class AnnotationReader {

    private final Set<String> policies;
    /** Whether an unannotated override that inherits a rule is worth a warning (for servlets; not for resources). */
    private final boolean warnWhenInherited;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** @param policies the names {@code @Authorize(policy = ...)} may use; any other is a problem */
    AnnotationReader(Set<String> policies, boolean warnWhenInherited) {
        this.policies = policies;
        this.warnWhenInherited = warnWhenInherited;
    }

    /** Every problem found so far, in the order found; the list the readers and placement checks add to. */
    List<String> problems() {
        return problems;
    }

    /** Every warning found so far, in the order found. */
    List<String> warnings() {
        return warnings;
    }

    /**
     * The rules of one element's declarations, most derived first, combined; {@code null} when none is annotated.
     * A more derived rule that would let through someone a parent's stops is warned about: both apply.
     */
    <T extends AnnotatedElement> Rule combined(String servlet, List<T> declarations,
            Function<T, AnnotatedElement> element) {
        Rule result = null;
        Rule mostDerived = null;
        for (T declaration : declarations) {
            Rule rule = annotated(servlet, element.apply(declaration));
            if (rule == null) {
                continue;
            }
            if (warnWhenInherited && result == null && declaration != declarations.get(0)
                    && declaration instanceof Method) {
                warnings.add(servlet + ": " + name(element.apply(declarations.get(0)))
                        + " overrides " + name(element.apply(declaration)) + " without an annotation; "
                        + rule.origin() + " (" + rule.describe() + ") still applies");
            }
            if (result == null) {
                result = rule;
                mostDerived = rule;
            } else {
                if (mostDerived.weakerThan(rule)) {
                    warnings.add(servlet + ": " + mostDerived.origin() + " would loosen "
                            + rule.origin() + " (" + rule.describe() + "); both apply");
                }
                result = result.and(rule);
            }
        }
        return result;
    }

    /** JwtGuard's and the standard {@code jakarta.annotation.security} annotations on {@code element}. */
    static List<String> securityAnnotations(AnnotatedElement element) {
        List<String> found = new ArrayList<>();
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            String type = annotation.annotationType().getName();
            if (type.equals(Authorize.class.getName()) || type.equals(AllowAnonymous.class.getName())
                    || StandardAnnotations.isStandard(annotation)) {
                found.add("@" + annotation.annotationType().getSimpleName());
            }
        }
        return found;
    }

    /** {@code Type.method} or {@code Type}, as messages name an element. */
    static String name(AnnotatedElement element) {
        return element instanceof Method method
                ? method.getDeclaringClass().getSimpleName() + "." + method.getName()
                : ((Class<?>) element).getSimpleName();
    }

    /**
     * The rule one element declares, or {@code null}. Two security annotations on one element is a problem: which
     * one was meant?
     */
    private Rule annotated(String servlet, AnnotatedElement element) {
        String where = name(element);
        List<String> declared = securityAnnotations(element);
        if (declared.size() > 1) {
            problems.add(servlet + ": " + where + " has both " + String.join(" and ", declared)
                    + "; keep the one you mean");
            return null;
        }
        if (element.isAnnotationPresent(AllowAnonymous.class)) {
            return Rule.anonymous("@AllowAnonymous on " + where);
        }
        Annotation standard = StandardAnnotations.on(element);
        if (standard != null) {
            return StandardAnnotations.rule(servlet, where, standard, problems);
        }
        Authorize authorize = element.getAnnotation(Authorize.class);
        return authorize == null ? null : authorizeRule(servlet, where, authorize);
    }

    /** {@code @Authorize}: a blank role, a policy defined nowhere, or a nonsense step-up, is a problem. */
    private Rule authorizeRule(String servlet, String where, Authorize authorize) {
        Set<String> roles = new LinkedHashSet<>(Arrays.asList(authorize.roles()));
        if (roles.stream().anyMatch(String::isBlank)) {
            problems.add(servlet + ": @Authorize on " + where
                    + " names a blank role; remove it or name the role");
        }
        String policy = authorize.policy().strip();
        if (!policy.isEmpty() && !policies.contains(policy)) {
            problems.add(servlet + ": @Authorize(policy = \"" + policy + "\") on " + where
                    + " names a policy defined nowhere; define jwtguard.policy." + policy
                    + ".roles / .scopes / .claims.<claim> / .any-of, or an io.jwtguard.AuthorizationPolicy service");
        }
        List<String> scopes = Scopes.declared(authorize.scopes(), servlet + ": @Authorize on " + where, problems);
        StepUp stepUp = StepUp.of(Arrays.asList(authorize.acr()), authorize.maxAgeSeconds(),
                servlet + ": @Authorize on " + where, problems);
        return Rule.restricted(roles, scopes, policy, "@Authorize on " + where).withStepUp(stepUp);
    }
}
