/**
 * Internal: what a refusal says: the failure (reason, description, development-only expectations), the
 * token facts that may be logged (never the token), and text sanitising for headers and logs.
 */
package io.jwtguard.internal.diagnostics;
