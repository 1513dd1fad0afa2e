/**
 * A test kit for applications that JwtGuard protects, for their own JUnit 5 tests: a {@link
 * io.jwtguard.testing.TestIssuer} that makes a fresh key for the test run and the settings that make JwtGuard trust
 * it, {@link io.jwtguard.testing.TokenBuilder tokens} described by what a test needs (a role, an expired token,
 * another audience, another key), and {@link io.jwtguard.testing.RefusalAssert assertions} on a refusal's status,
 * reason and challenge. Public API like {@code io.jwtguard}; JUnit 5 ({@code junit-jupiter-api}) is an optional
 * dependency, present in any JUnit 5 test class path.
 */
package io.jwtguard.testing;
