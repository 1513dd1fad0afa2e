/**
 * Internal, stage 3: authorization. The rule table read from the servlets' annotations at start-up, the
 * policies, and the decision for one request. Returns decisions, writes no response.
 */
package io.jwtguard.internal.authz;
