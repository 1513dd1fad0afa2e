package io.jwtguard.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/**
 * What every command shares: where it prints, the environment it reads settings from, and {@code --help}.
 * One instance per run.
 */
abstract class Command {

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> environment;

    Command(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    /** Prints the help for {@code --help}; otherwise checks the options and runs. */
    final int run(Options options) throws Options.UsageException {
        if (options.has("help")) {
            out.println(help());
            return Main.PASS;
        }
        options.allowOnly(options());
        return execute(options);
    }

    abstract String help();

    /** The options this command knows, {@code help} included. */
    abstract Set<String> options();

    abstract int execute(Options options) throws Options.UsageException;
}
