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
    private final String help;
    private final Set<String> options;

    /**
     * @param help printed for {@code --help}
     * @param options the options the command knows besides {@code --help}; any other is a usage error
     */
    Command(PrintStream out, PrintStream err, Map<String, String> environment, String help, Set<String> options) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.help = help;
        this.options = new java.util.HashSet<>(options);
        this.options.add("help");
    }

    /** Prints the help for {@code --help}; otherwise checks the options and runs. */
    final int run(Options options) throws Options.UsageException {
        if (options.has("help")) {
            out.println(help);
            return Main.PASS;
        }
        options.allowOnly(this.options);
        return execute(options);
    }

    abstract int execute(Options options) throws Options.UsageException;
}
