package io.jwtguard.internal.authn;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The configured token cookie's values, read from the raw {@code Cookie} header lines as RFC 6265 §4.2.1 writes
 * them ({@code cookie-pair *( ";" SP cookie-pair )}, a value optionally in double quotes), every line of them.
 * Not {@code getCookies()}: containers parse differently, and Undertow keeps only the first of two cookies with one
 * name, so a planted cookie beside the caller's would silently win there. Read here, two are two on every server.
 * Lenient where a sender may be sloppy (white space around names, values and separators, a pair without
 * {@code =}), exact where it matters: names compare case-sensitively and whole. Immutable and thread-safe.
 */
final class TokenCookie {

    private final String name;

    /** @param name the cookie's name, not empty */
    TokenCookie(String name) {
        this.name = name;
    }

    /**
     * Every value of the cookie, in order, quotes removed; empty when it is not sent.
     *
     * @param cookieHeaders the request's {@code Cookie} header lines; {@code null} when the container hides them
     */
    List<String> values(Enumeration<String> cookieHeaders) {
        if (cookieHeaders == null) {
            return List.of();
        }
        List<String> values = List.of();
        while (cookieHeaders.hasMoreElements()) {
            String line = cookieHeaders.nextElement();
            if (line != null && line.contains(name)) {
                values = addFrom(line, values);
            }
        }
        return values;
    }

    /** {@code found} with this line's values of the cookie added, a list grown only when there are some. */
    private List<String> addFrom(String line, List<String> found) {
        List<String> values = found;
        int start = 0;
        while (start <= line.length()) {
            int end = line.indexOf(';', start);
            if (end < 0) {
                end = line.length();
            }
            int equals = indexOf('=', line, start, end);
            if (equals >= 0 && isName(line, start, equals)) {
                if (values.isEmpty()) {
                    values = new ArrayList<>(1);
                }
                values.add(unquoted(line.substring(equals + 1, end).strip()));
            }
            start = end + 1;
        }
        return values;
    }

    /** Searched only within the pair, so that a long line of pairs without {@code =} is read once, not once a pair. */
    private static int indexOf(char c, String line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code line[from, to)}, white space around it ignored, is exactly the name. */
    private boolean isName(String line, int from, int to) {
        int first = from;
        while (first < to && isWhiteSpace(line.charAt(first))) {
            first++;
        }
        int last = to;
        while (last > first && isWhiteSpace(line.charAt(last - 1))) {
            last--;
        }
        return last - first == name.length() && line.startsWith(name, first);
    }

    private static boolean isWhiteSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** RFC 6265 §4.2.1: {@code cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )}. */
    private static String unquoted(String value) {
        return value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"'
                ? value.substring(1, value.length() - 1) : value;
    }
}
