package io.jwtguard.internal.pipeline;

import io.jwtguard.internal.authn.KeySetStatus;
import io.jwtguard.internal.authz.RuleReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The console's page: the template from the jar with the rule table and the latest refusals written in, so that
 * both read without script; the script only filters, polls and runs the doctor. Every value is HTML-escaped.
 * Stateless.
 */
final class ConsolePage {

    private ConsolePage() {
    }

    static String render(String base, RuleReport rules, Map<String, String> resources,
            List<RecentRefusals.Entry> refusals, EffectiveSettings settings, List<KeySetStatus> keySets) {
        return new String(resource("console.html"), StandardCharsets.UTF_8)
                .replace("{{base}}", escape(base))
                .replace("{{fallback}}", escape(rules.fallback()))
                .replace("{{rules}}", ruleRows(rules) + resourceRows(resources))
                .replace("{{servletOptions}}", servletOptions(rules))
                .replace("{{refusals}}", refusalRows(refusals))
                .replace("{{capacity}}", String.valueOf(RecentRefusals.CAPACITY))
                .replace("{{settings}}", settingRows(settings))
                .replace("{{warnings}}", warningItems(settings.warnings()))
                .replace("{{keysets}}", keySetRows(keySets));
    }

    private static String ruleRows(RuleReport rules) {
        StringBuilder rows = new StringBuilder();
        for (RuleReport.Row row : rules.rows()) {
            rows.append("<tr><td>").append(escape(row.servlet())).append("</td><td>")
                    .append(escape(String.join(" ", row.mappings()))).append("</td><td><ul>");
            for (Map.Entry<String, String> method : row.methods().entrySet()) {
                rows.append("<li><b>").append(escape(method.getKey())).append("</b> ")
                        .append(escape(method.getValue())).append("</li>");
            }
            rows.append("</ul>");
            if (row.loginNeedsAuthentication()) {
                rows.append("<p class=\"warn\">login-like path needs authentication</p>");
            }
            rows.append("</td><td>").append(escape(row.className())).append("</td></tr>\n");
        }
        return rows.toString();
    }

    private static String refusalRows(List<RecentRefusals.Entry> refusals) {
        StringBuilder rows = new StringBuilder();
        for (RecentRefusals.Entry entry : refusals) {
            rows.append("<tr><td>").append(entry.time().truncatedTo(ChronoUnit.MILLIS)).append("</td><td>")
                    .append(escape(entry.method())).append("</td><td>").append(escape(entry.path())).append("</td><td>")
                    .append(entry.status()).append("</td><td>").append(escape(entry.reason())).append("</td><td>")
                    .append(escape(entry.correlationId())).append("</td><td>").append(escape(entry.step()))
                    .append("</td></tr>\n");
        }
        return rows.toString();
    }

    private static String settingRows(EffectiveSettings settings) {
        StringBuilder rows = new StringBuilder();
        for (EffectiveSettings.Row row : settings.rows()) {
            rows.append("<tr><td>").append(escape(row.key())).append("</td><td")
                    .append(row.secret() ? " class=\"secret\">" : ">").append(escape(row.value())).append("</td><td>")
                    .append(escape(row.origin())).append("</td></tr>\n");
        }
        return rows.toString();
    }

    /** Jakarta REST resource methods, as rows of the same table (so the filter finds them too). */
    private static String resourceRows(Map<String, String> resources) {
        StringBuilder rows = new StringBuilder();
        resources.forEach((endpoint, rule) -> rows.append("<tr><td>Jakarta REST</td><td>").append(escape(endpoint))
                .append("</td><td><ul><li>").append(escape(rule)).append("</li></ul></td><td></td></tr>\n"));
        return rows.toString();
    }

    private static String servletOptions(RuleReport rules) {
        StringBuilder options = new StringBuilder();
        for (RuleReport.Row row : rules.rows()) {
            options.append("<option value=\"").append(escape(row.servlet())).append("\">").append(escape(row.servlet()))
                    .append(' ').append(escape(String.join(", ", row.mappings()))).append("</option>\n");
        }
        return options.toString();
    }

    private static String keySetRows(List<KeySetStatus> keySets) {
        StringBuilder rows = new StringBuilder();
        for (KeySetStatus keys : keySets) {
            rows.append("<tr><td>").append(escape(keys.issuer())).append("</td><td>").append(escape(keys.source()))
                    .append("</td><td>").append(escape(String.join(", ", keys.keys()))).append("</td><td>")
                    .append(keys.lastFetch() == null ? "" : escape(keys.lastFetch().toString())).append("</td><td>")
                    .append(keys.trustedUntil() == null ? "" : escape(keys.trustedUntil().toString()))
                    .append("</td><td>").append(keys.fetches()).append("</td><td>")
                    .append(keys.lastFailure() == null ? "" : escape(keys.lastFailure())).append("</td></tr>\n");
        }
        return rows.toString();
    }

    private static String warningItems(List<String> warnings) {
        if (warnings.isEmpty()) {
            return "<li>none</li>\n";
        }
        StringBuilder items = new StringBuilder();
        warnings.forEach(warning -> items.append("<li>").append(escape(warning)).append("</li>\n"));
        return items.toString();
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A file of the console, from the jar. */
    static byte[] resource(String name) {
        try (InputStream in = ConsolePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("JwtGuard's jar lacks its console file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
