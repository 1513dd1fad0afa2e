/**
 * MCP servers built with the official MCP Java SDK, an optional dependency: the caller JwtGuard verified, in each
 * tool's transport context. Used only by applications that have the SDK.
 */
package io.jwtguard.mcp;
