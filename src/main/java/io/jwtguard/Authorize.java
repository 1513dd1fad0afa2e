package io.jwtguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires an authenticated caller for a servlet (on the class) or for one HTTP method (on
 * {@code doGet}, {@code doPost}, ...). A method's annotation wins over its class's; along the class
 * hierarchy, annotations of the same element are combined so an override never drops a rule. With
 * {@link #roles()}, the caller needs at least one of them (exact, case-sensitive names), otherwise 403
 * {@code insufficient_role}; with {@link #policy()}, the named policy must hold, otherwise 403
 * {@code policy_failed}; with both, both. Without a valid token the answer is 401 with the reason.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Authorize {

    /** Roles of which the caller needs any one; empty means any authenticated caller. */
    String[] roles() default {};

    /**
     * A policy defined in configuration ({@code jwtguard.policy.<Name>.*}) or in code
     * ({@link AuthorizationPolicy}); a name defined nowhere fails start-up.
     */
    String policy() default "";

    /**
     * OAuth scopes the caller's token must grant, every one of them: its {@code scope} claim (space-separated,
     * RFC 9068 §2.2.3) or {@code scp} (an array or a string). A missing one answers 403 {@code insufficient_scope}
     * with a challenge naming every scope listed here (RFC 6750 §3.1).
     */
    String[] scopes() default {};

    /**
     * Step-up (RFC 9470): authentication context classes of which the token's {@code acr} claim must be one (exact,
     * case-sensitive), in order of preference; empty means any. Otherwise 401 {@code insufficient_user_authentication}
     * with {@code acr_values} in the challenge, so the client can have the user sign in again at that level.
     */
    String[] acr() default {};

    /**
     * Step-up (RFC 9470): the most seconds since the user signed in (the token's {@code auth_time}, with the
     * configured clock skew); a token without {@code auth_time} falls short too. Otherwise 401
     * {@code insufficient_user_authentication} with {@code max_age} in the challenge. {@code -1}, the default, sets
     * no limit; any other negative value fails start-up.
     */
    long maxAgeSeconds() default -1;
}
