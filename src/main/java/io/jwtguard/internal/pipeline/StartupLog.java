package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.authz.RuleReport;
import io.jwtguard.internal.config.Settings;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;

/** What JwtGuard logs once per application as it is built: the settings' warnings, then the rule table. */
final class StartupLog {

    private static final System.Logger LOG = Refusals.LOG;

    private StartupLog() {
    }

    /** Once the guard is built. */
    static void settingsRead(ServletContext context, Settings settings) {
        if (!LOG.isLoggable(Level.INFO)) {
            // Never silent: the rule table and the refusal lines are the point of the log.
            context.log("JwtGuard: System.Logger 'io.jwtguard' does not log INFO in this server, so the start-up"
                    + " rule table and the refusal lines (reason, correlation id) are not written; enable INFO"
                    + " for 'io.jwtguard', or remove the library that replaced System.LoggerFinder");
        }
        settings.warnings().forEach(warning -> LOG.log(Level.WARNING, "JwtGuard: " + warning));
    }

    /** Once the registrations are complete: the rule table, with what in it looks wrong. */
    static void rulesRead(ServletContext context, Registrations complete) {
        complete.rules().warnings().forEach(warning -> LOG.log(Level.WARNING, "JwtGuard: " + warning));
        RuleReport report = complete.report();
        LOG.log(Level.INFO, "JwtGuard rules for " + Installation.contextName(context) + ":" + report.toText());
        complete.tools().unused(complete.mcpEndpoints()).ifPresent(warning -> LOG.log(Level.WARNING, "JwtGuard: "
                + warning));
        complete.tools().describe(complete.mcpEndpoints()).forEach(line -> LOG.log(Level.INFO, "JwtGuard: " + line));
        report.rows().stream().filter(RuleReport.Row::loginNeedsAuthentication).forEach(row -> LOG.log(Level.WARNING,
                "JwtGuard: servlet '" + row.servlet() + "' " + row.mappings() + " looks like a login endpoint but"
                        + " POST needs authentication, so clients without a token can never log in"));
    }
}
