package io.jwtguard.internal.config;

import java.util.List;

/**
 * JwtGuard's configuration cannot work: thrown once at start-up with every problem found, each naming
 * the setting and the fix. Never carries a secret.
 */
public final class InvalidSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, as listed in the message. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder text = new StringBuilder("JwtGuard cannot start: ")
                .append(problems.size())
                .append(problems.size() == 1 ? " configuration problem" : " configuration problems");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
