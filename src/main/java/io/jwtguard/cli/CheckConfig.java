package io.jwtguard.cli;

import io.jwtguard.internal.config.InvalidSettingsException;
import io.jwtguard.internal.config.IssuerSettings;
import io.jwtguard.internal.config.Settings;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/** {@code check-config}: the start-up self-check, offline. */
final class CheckConfig extends Command {

    static final String HELP = """
            Usage: java -jar jwt-guard-all.jar check-config --config <properties file>

            Runs JwtGuard's start-up self-check on the file (with JWTGUARD_* environment variables and -D
            system properties on top, as the filter reads them) and prints every problem with its fix,
            a jwtguard.* key or JWTGUARD_* variable that is no setting included.
            Exit codes: 0 the configuration starts, 1 it would not, 2 usage.""";


    CheckConfig(PrintStream out, PrintStream err, Map<String, String> environment) {
        super(out, err, environment, HELP, Set.of("config"));
    }

    @Override
    int execute(Options options) throws Options.UsageException {
        try {
            Settings settings = CommandSettings.loadWithPolicies(
                    CommandSettings.source(options.required("config"), environment, Map.of())).settings();
            out.println("OK: the configuration starts.");
            for (IssuerSettings issuer : settings.trusted()) {
                out.println("  issuer '" + issuer.name() + "': " + issuer);
            }
            out.println("  clock skew " + settings.clockSkew().toSeconds() + "s, diagnostics "
                    + settings.diagnostics().name().toLowerCase(java.util.Locale.ROOT) + ", CORS "
                    + (settings.cors().enabled() ? "on" : "off") + ", policies " + settings.policies().keySet());
            settings.warnings().forEach(warning -> out.println("  warning: " + warning));
            return Main.PASS;
        } catch (InvalidSettingsException e) {
            err.println(e.getMessage());
            return Main.FAIL;
        }
    }
}
