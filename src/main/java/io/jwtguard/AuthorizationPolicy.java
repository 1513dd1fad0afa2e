package io.jwtguard;

/**
 * A named authorization rule written in code, for what configuration cannot say. Referenced as
 * {@code @Authorize(policy = "Name")} and found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.jwtguard.AuthorizationPolicy}. Policies defined in configuration
 * ({@code jwtguard.policy.<Name>.*}) have the same names and semantics; a name defined twice fails start-up.
 *
 * <p>Implementations must be thread-safe, fast and free of I/O: they run on every request they guard.
 * An exception counts as a refusal ({@code policy_failed}), never a 500.
 */
public interface AuthorizationPolicy {

    /** The name annotations use. */
    String name();

    /** Whether the authenticated caller may proceed. */
    boolean permits(JwtPrincipal caller);

    /** What the policy demands, for the start-up rule table and development diagnostics. */
    default String describe() {
        return "code policy " + getClass().getName();
    }
}
