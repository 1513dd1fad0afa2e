package io.jwtguard.internal.authz;

import io.jwtguard.JwtPrincipal;
import io.jwtguard.internal.config.ResourceSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OAuth scopes: those a rule names, checked at start-up against the scope-token grammar (RFC 6749 §3.3), and those a
 * token grants, read from its {@code scope} claim (one space-separated string, RFC 9068 §2.2.3 and RFC 8693 §4.2) and
 * its {@code scp} claim (an array of strings, or one string written like {@code scope}). Stateless.
 */
public final class Scopes {

    private Scopes() {
    }

    /** Every scope {@code caller}'s token grants, from {@code scope} and {@code scp} together; empty when neither. */
    public static Set<String> granted(JwtPrincipal caller) {
        return caller.getScopes();
    }

    /** Whether the token carries a {@code scope} or {@code scp} claim at all, for the refusal's description. */
    static boolean claimed(JwtPrincipal caller) {
        return caller.getClaim("scope").isPresent() || caller.getClaim("scp").isPresent();
    }

    /**
     * The scopes an annotation names, in order, each once; a blank one or one outside the scope-token grammar (a
     * space, a quote, a backslash: it would break the challenge's {@code scope} value) is a problem.
     *
     * @param where what names them, for the problem's text
     */
    static List<String> declared(String[] scopes, String where, List<String> problems) {
        Set<String> declared = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (!ResourceSettings.scopeToken(scope)) {
                problems.add(where + " names the scope '" + scope + "', which is no OAuth scope-token (RFC 6749 §3.3:"
                        + " printable ASCII without spaces, '\"' or '\\'); name each scope on its own");
            } else {
                declared.add(scope);
            }
        }
        return new ArrayList<>(declared);
    }
}
