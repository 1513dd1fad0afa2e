/**
 * The command line of the drop-in jar ({@code java -jar jwt-guard-all.jar doctor | token | check-config}):
 * only {@link io.jwtguard.cli.Main} is public. Not API for applications.
 */
package io.jwtguard.cli;
