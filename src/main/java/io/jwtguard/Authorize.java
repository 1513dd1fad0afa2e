package io.jwtguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires an authenticated caller for a servlet (on the class) or for one HTTP method (on
 * {@code doGet}, {@code doPost}, ...). A method's annotation wins over its class's. With
 * {@link #roles()}, the caller needs at least one of them (exact, case-sensitive names); otherwise the
 * answer is 403 {@code insufficient_role}. Without a valid token the answer is 401 with the reason.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Authorize {

    /** Roles of which the caller needs any one; empty means any authenticated caller. */
    String[] roles() default {};
}
