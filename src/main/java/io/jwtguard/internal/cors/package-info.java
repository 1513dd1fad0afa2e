/**
 * Internal, stage 1: CORS (Fetch standard "CORS protocol"). Classifies a request as not CORS, preflight or
 * actual, and decides the headers and whether a preflight is answered or refused. Writes no response.
 */
package io.jwtguard.internal.cors;
