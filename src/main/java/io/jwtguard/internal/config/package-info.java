/**
 * Internal: settings, read once at start-up from MicroProfile Config (or the drop-in jar's own sources) by
 * concern (issuers and keys, token bounds, CORS, policies), every problem collected into one list.
 * Immutable once built.
 */
package io.jwtguard.internal.config;
