package io.jwtguard.internal.authz;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The effective rule of every servlet, per HTTP method, as one table: logged at start-up and, with
 * development diagnostics, served as JSON. A login-like path that needs authentication (the article's
 * cause 7, {@code [Authorize]} on the login endpoint) is flagged. Immutable.
 *
 * @param rows one per registered servlet, in registration order
 * @param fallback the rule of servlets without annotations
 */
public record RuleReport(List<Row> rows, String fallback) {

    private static final List<String> LOGIN_WORDS = List.of("login", "signin", "sign-in", "logon", "signup",
            "sign-up", "register", "token", "oauth");
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");

    /**
     * @param servlet the servlet's name
     * @param className its class
     * @param mappings its URL patterns
     * @param methods HTTP method to its effective rule and where that rule comes from
     * @param loginNeedsAuthentication a login-like mapping whose POST is not anonymous
     */
    public record Row(String servlet, String className, List<String> mappings, Map<String, String> methods,
            boolean loginNeedsAuthentication) {
        public Row {
            mappings = List.copyOf(mappings);
            methods = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(methods));
        }
    }

    public RuleReport {
        rows = List.copyOf(rows);
    }

    /** The report of {@code table}, with each servlet's mappings and class from {@code context}'s registrations. */
    public static RuleReport of(RuleTable table, ServletContext context) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, ServletRules> servlet : table.servlets().entrySet()) {
            ServletRegistration registration = context.getServletRegistration(servlet.getKey());
            Collection<String> mappings = registration == null ? List.of() : registration.getMappings();
            Map<String, String> methods = new LinkedHashMap<>();
            for (String method : METHODS) {
                Rule rule = servlet.getValue().forMethod(method);
                methods.put(method, rule.describe() + " (" + rule.origin() + ")");
            }
            methods.put("other", servlet.getValue().defaultRule().describe());
            boolean loginLike = mappings.stream().anyMatch(RuleReport::looksLikeLogin);
            boolean postNeedsAuthentication = servlet.getValue().forMethod("POST").kind() != Rule.Kind.ANONYMOUS;
            rows.add(new Row(servlet.getKey(), registration == null ? "" : String.valueOf(registration.getClassName()),
                    new ArrayList<>(mappings), methods, loginLike && postNeedsAuthentication));
        }
        return new RuleReport(rows, table.ruleFor(null, "GET").describe());
    }

    /** Whether a URL mapping or path reads like a login or token endpoint, which clients call without a token. */
    public static boolean looksLikeLogin(String mapping) {
        String lower = mapping.toLowerCase(Locale.ROOT);
        return LOGIN_WORDS.stream().anyMatch(lower::contains);
    }

    /** The table as log text, one servlet a line. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (Row row : rows) {
            text.append(System.lineSeparator()).append("  ").append(row.servlet()).append(' ').append(row.mappings())
                    .append(": ");
            Map<String, List<String>> byRule = new LinkedHashMap<>();
            row.methods().forEach((method, rule) -> byRule.computeIfAbsent(rule.replaceAll(" \\(.*\\)$", ""),
                    r -> new ArrayList<>()).add(method));
            List<String> parts = new ArrayList<>();
            byRule.forEach((rule, methods) -> parts.add(String.join("/", methods) + " " + rule));
            text.append(String.join(", ", parts));
            if (row.loginNeedsAuthentication()) {
                text.append("   <-- login-like path needs authentication; add @AllowAnonymous if clients log in here");
            }
        }
        text.append(System.lineSeparator()).append("  (servlets not listed, and unknown ones: ").append(fallback)
                .append(')');
        return text.toString();
    }
}
