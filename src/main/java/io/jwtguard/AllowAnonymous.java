package io.jwtguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets callers without a token through, on a servlet class or one {@code doXxx} method: a login or
 * health endpoint. A valid token still sets the principal; a missing, malformed or expired one never
 * blocks the request (a client holding a stale token must be able to log in again) and is logged at
 * debug level with its reason.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowAnonymous {
}
