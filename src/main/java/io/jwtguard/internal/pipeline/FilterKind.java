package io.jwtguard.internal.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * JwtGuard's four public filters, by class: which stages each runs and how the logs call it. Every start-up
 * classification of a registered filter (is it JwtGuard's, does it authorize, which stage filter is it) reads
 * this, never a list of class names of its own.
 */
enum FilterKind {
    /** {@code JwtGuardFilter}: the three stages in order, what almost every application maps. */
    ALL_STAGES("io.jwtguard.JwtGuardFilter", "filter", Stage.CORS, Stage.AUTHENTICATE, Stage.AUTHORIZE),
    CORS("io.jwtguard.JwtGuardCorsFilter", "CORS filter", Stage.CORS),
    AUTHENTICATION("io.jwtguard.JwtGuardAuthenticationFilter", "authentication filter", Stage.AUTHENTICATE),
    AUTHORIZATION("io.jwtguard.JwtGuardAuthorizationFilter", "authorization filter", Stage.AUTHORIZE);

    private final String className;
    private final String description;
    private final List<Stage> stages;

    FilterKind(String className, String description, Stage... stages) {
        this.className = className;
        this.description = description;
        this.stages = List.of(stages);
    }

    /** The kind of the filter registered with {@code className}; empty for any class not one of the four. */
    static Optional<FilterKind> of(String className) {
        for (FilterKind kind : values()) {
            if (kind.className.equals(className)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    static List<String> classNames() {
        return java.util.Arrays.stream(values()).map(kind -> kind.className).sorted().toList();
    }

    String className() {
        return className;
    }

    /** For logs: "filter", "CORS filter", ... */
    String description() {
        return description;
    }

    List<Stage> stages() {
        return stages;
    }

    boolean runs(Stage stage) {
        return stages.contains(stage);
    }
}
