package io.jwtguard.internal.diagnostics;

import java.util.List;

/**
 * Makes values that come from a request safe to put in a header, a problem body or a log line.
 * RFC 6750 §3 allows only %x20-21 / %x23-5B / %x5D-7E in {@code error_description}, so quotes and
 * backslashes are replaced, control characters (log injection) and non-ASCII become {@code ?}, and
 * long values are cut. Stateless and thread-safe.
 */
public final class Text {

    /** Longest value from a token that is ever echoed. */
    public static final int MAX_ECHOED_CHARS = 64;

    private Text() {
    }

    /** A request-supplied value, made printable and cut to {@link #MAX_ECHOED_CHARS}. */
    public static String shortValue(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > MAX_ECHOED_CHARS ? value.substring(0, MAX_ECHOED_CHARS) + "..." : value;
        return printable(cut);
    }

    /**
     * Role names as a list, at most {@code limit}, each made printable and cut, in order: {@code [User, Admin]},
     * or with every name quoted ({@code ['User,Admin']}) as soon as one could be misread, holding a comma,
     * an outer space or nothing, so that one role never reads like two.
     */
    public static String roleList(java.util.Collection<String> values, int limit) {
        List<String> shown = values.stream().limit(limit).map(Text::shortValue).toList();
        boolean quote = shown.stream().anyMatch(value -> value.isEmpty() || value.contains(",")
                || !value.strip().equals(value));
        return quote ? shown.stream().map(value -> "'" + value + "'").toList().toString() : shown.toString();
    }

    /** Replaces every character an RFC 6750 error description may not hold. */
    public static String printable(String value) {
        StringBuilder safe = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char replacement = c == '"' ? '\'' : c == '\\' ? '/' : c < 0x20 || c > 0x7e ? '?' : c;
            if (replacement != c && safe == null) {
                safe = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (safe != null) {
                safe.append(replacement);
            }
        }
        return safe == null ? value : safe.toString();
    }
}
