package io.jwtguard.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code java -jar jwt-guard-<version>-all.jar <command>}: {@code doctor}, {@code token} and
 * {@code check-config}, each with {@code --help}. Exit codes: 0 pass, 1 fail, 2 usage. They read a
 * properties file and the environment the way the filter reads its configuration, and run the very code
 * the filter runs. Nothing here prints a secret.
 */
public final class Main {

    static final int PASS = 0;
    static final int FAIL = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: java -jar jwt-guard-all.jar <command> [options]

            Commands:
              doctor        check one token or Authorization header against a configuration, step by step
              token         mint a development token from a configuration (also deliberately broken ones)
              check-config  run JwtGuard's start-up self-check on a configuration, offline

            Run a command with --help for its options. Exit codes: 0 pass, 1 fail, 2 usage.
            Settings come from the --config properties file, overridden by JWTGUARD_* environment
            variables and -D system properties, exactly as the filter reads them.""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** The command line without {@code System.exit}, for tests. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE_TEXT);
            return args.length == 0 ? USAGE : PASS;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            Options options = Options.parse(rest);
            return switch (args[0]) {
                case "doctor" -> new Doctor(out, err, environment).run(options);
                case "token" -> new TokenCommand(out, err, environment).run(options);
                case "check-config" -> new CheckConfig(out, err, environment).run(options);
                default -> {
                    err.println("Unknown command '" + args[0] + "'.");
                    err.println(USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (Options.UsageException e) {
            err.println(e.getMessage());
            err.println("Run with --help for the options.");
            return USAGE;
        }
    }
}
