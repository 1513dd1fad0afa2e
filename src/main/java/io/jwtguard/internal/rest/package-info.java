/**
 * Internal, stage 3 for Jakarta REST: the rules of resource methods, read when Jakarta REST starts the
 * application ({@code JwtGuardFeature}) and applied once Jakarta REST has picked the method a request runs,
 * through the same authorizer, refusals and responder as the servlet filter. Loaded only where Jakarta REST is.
 */
package io.jwtguard.internal.rest;
