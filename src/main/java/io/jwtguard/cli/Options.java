package io.jwtguard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parsed {@code --name value} and {@code --flag} options of one command. Immutable once parsed. */
final class Options {

    /** A command line that cannot be run as written. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> FLAGS = Set.of("help", "expired", "wrong-audience", "wrong-issuer");

    private final Map<String, List<String>> values;

    private Options(Map<String, List<String>> values) {
        this.values = values;
    }

    static Options parse(String[] args) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("Unexpected argument '" + arg + "'.");
            }
            String name = arg.substring(2);
            String value = "";
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (!FLAGS.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new UsageException("Option --" + name + " needs a value.");
                }
                value = args[++i];
            }
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new Options(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Optional<String> value(String name) {
        List<String> all = values.get(name);
        return all == null ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    String required(String name) throws UsageException {
        return value(name).filter(v -> !v.isBlank())
                .orElseThrow(() -> new UsageException("Option --" + name + " is required."));
    }

    /** Rejects options the command does not know, so a typo is never silently ignored. */
    void allowOnly(Set<String> known) throws UsageException {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("Unknown option --" + name + ".");
            }
        }
    }
}
