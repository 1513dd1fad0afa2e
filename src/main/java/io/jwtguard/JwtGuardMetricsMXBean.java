package io.jwtguard;

import java.util.Map;

/**
 * JwtGuard's counters for one filter of one application, registered with the platform MBean server as
 * {@code io.jwtguard:type=JwtGuard,context=<context path>,filter=<filter name>} (visible in jconsole).
 * Counts since the filter started.
 */
public interface JwtGuardMetricsMXBean {

    /** Requests let through to the application. */
    long getAllowed();

    /** Refusals with status 400. */
    long getBadRequest();

    /** Refusals with status 401. */
    long getUnauthorized();

    /** Refusals with status 403. */
    long getForbidden();

    /** Refusals with status 503 (key source unavailable). */
    long getUnavailable();

    /** Refusals by reason code; codes never seen are absent. */
    Map<String, Long> getRefusalsByReason();

    /** Key set fetches attempted, by issuer name (JWKS issuers only). */
    Map<String, Long> getKeyFetches();
}
