package io.jwtguard.internal.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import io.jwtguard.JwtPrincipal;
import io.jwtguard.Revocations;
import io.jwtguard.TokenIssuer;
import io.jwtguard.TokenIssuer.RefreshRefused;
import io.jwtguard.TokenIssuer.TokenPair;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code TokenRefreshServlet} and {@code LogoutServlet} answer: OAuth-style JSON (RFC 6749, section 5),
 * never cached, never a stack trace, the refresh token read from the form body only (never the URL, where logs
 * would keep it). Stateless.
 */
public final class TokenEndpoints {

    private static final JsonFactory JSON = new JsonFactory();

    private TokenEndpoints() {
    }

    /** {@code POST} with form field {@code refresh_token}: the next pair, or why not. */
    public static void refresh(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getServletContext().getAttribute(TokenIssuer.CONTEXT_ATTRIBUTE) instanceof TokenIssuer issuer)) {
            write(response, 503, error("temporarily_unavailable", "no TokenIssuer is published"
                    + " (jwtguard.token-issuer.publish=true and a key to sign with)"));
            return;
        }
        QueryName query = queryNaming(request.getQueryString(), "refresh_token");
        if (query != QueryName.ABSENT) {
            // Answered before the body is read: the connection is not kept, or the unread body would be read as the
            // client's next request.
            response.setHeader("Connection", "close");
        }
        switch (query) {
            case ABSENT -> { }
            case PRESENT -> {
                write(response, 400, error("invalid_request", "send refresh_token in the form body, never in the URL"));
                return;
            }
            case UNREADABLE -> {
                write(response, 400, error("invalid_request", "the URL's query string is not valid percent-encoding;"
                        + " send refresh_token in the form body, with no query string"));
                return;
            }
        }
        String grantType;
        String token;
        if (String.valueOf(request.getContentType()).toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // As /login takes it: {"refresh_token": "...", "grant_type": "refresh_token"}, a small body only.
            Map<String, String> fields = jsonFields(request);
            if (fields == null) {
                write(response, 400, error("invalid_request", "the body is not a JSON object of strings under "
                        + JSON_LIMIT + " bytes; send {\"refresh_token\": \"...\"}"));
                return;
            }
            grantType = fields.get("grant_type");
            token = fields.get("refresh_token");
        } else {
            grantType = request.getParameter("grant_type");
            token = request.getParameter("refresh_token");
        }
        if (grantType != null && !grantType.equals("refresh_token")) {
            write(response, 400, error("unsupported_grant_type", "this endpoint exchanges refresh tokens only"));
            return;
        }
        if (token == null || token.isBlank() || token.length() > 512) {
            write(response, 400, error("invalid_request", "send the form field refresh_token"));
            return;
        }
        try {
            write(response, 200, pair(issuer.refresh(token.trim())));
        } catch (RefreshRefused refused) {
            write(response, refused.status(), error(refused.error(), refused.getMessage()));
        }
    }

    /** A refresh request's JSON body is small: a token and a grant type. */
    static final int JSON_LIMIT = 4096;

    /** The top-level string fields of a JSON object body, or null when it is not one (or is too long). */
    private static Map<String, String> jsonFields(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(JSON_LIMIT + 1);
        if (body.length > JSON_LIMIT) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            for (var next = parser.nextToken(); next == com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
                    next = parser.nextToken()) {
                String name = parser.currentName();
                var value = parser.nextToken();
                if (value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
            return parser.currentToken() == com.fasterxml.jackson.core.JsonToken.END_OBJECT
                    && parser.nextToken() == null ? fields : null;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return null;
        }
    }

    /** {@code POST} by an authenticated caller: revokes its token and session, or with {@code everywhere=true} its subject. */
    public static void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServletContext context = request.getServletContext();
        if (!(context.getAttribute(Revocations.CONTEXT_ATTRIBUTE) instanceof Revocations revocations)
                || !(request.getUserPrincipal() instanceof JwtPrincipal caller)) {
            // Mapped without JwtGuard's filter in front (or with another principal): nothing to sign out.
            write(response, 503, error("temporarily_unavailable", "JwtGuard's filter does not cover this endpoint"));
            return;
        }
        boolean everywhere = "true".equals(request.getParameter("everywhere"));
        Revocations.Outcome outcome;
        try {
            outcome = everywhere ? revocations.signOutEverywhere(caller) : revocations.revoke(caller);
        } catch (IllegalArgumentException e) {
            write(response, 400, error("invalid_request", e.getMessage() + "; sign out with everywhere=true"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signed_out", everywhere ? "everywhere" : "token");
        // Shared only where other instances read the same store: this instance's memory is shared with no one.
        body.put("shared", outcome == Revocations.Outcome.SHARED && revocations.sharedWithOtherInstances());
        if (outcome == Revocations.Outcome.PENDING) {
            body.put("detail", "refused on this instance now; the others refuse it once the revocation store answers");
        }
        write(response, outcome == Revocations.Outcome.SHARED ? 200 : 202, body);
    }

    /** Whether a query string names a parameter. */
    enum QueryName { ABSENT, PRESENT, UNREADABLE }

    /**
     * Whether {@code query} has a parameter that the container decodes to {@code name}: compared after
     * percent-decoding each name, as {@code getParameter} does, so {@code refresh%5Ftoken} is found too. With none,
     * {@code getParameter(name)} can only answer from the form body.
     */
    static QueryName queryNaming(String query, String name) {
        if (query == null || query.isEmpty()) {
            return QueryName.ABSENT;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String raw = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (URLDecoder.decode(raw, StandardCharsets.UTF_8).equals(name)) {
                    return QueryName.PRESENT;
                }
            } catch (IllegalArgumentException e) {
                // A container may skip or keep such a name: which one it reads cannot be known here.
                return QueryName.UNREADABLE;
            }
        }
        return QueryName.ABSENT;
    }

    /** The token response of RFC 6749, section 5.1. */
    public static Map<String, Object> pair(TokenPair pair) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", pair.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", pair.expiresIn().toSeconds());
        body.put("refresh_token", pair.refreshToken());
        return body;
    }

    private static Map<String, Object> error(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }

    private static void write(HttpServletResponse response, int status, Map<String, Object> fields) throws IOException {
        Responder.tokenEndpointAnswer(response, status, fields);
    }
}
