/**
 * Internal, stage 3: authorization. The rules read at start-up from the servlets' and Jakarta REST resources'
 * annotations (and web.xml's security constraints), the policies, and the decision for one request. Returns
 * decisions, writes no response.
 */
package io.jwtguard.internal.authz;
