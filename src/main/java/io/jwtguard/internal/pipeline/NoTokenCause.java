package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.authz.RuleReport;
import io.jwtguard.internal.config.Setting;
import io.jwtguard.internal.diagnostics.Failure;
import io.jwtguard.internal.diagnostics.Text;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Why a request that authorization refuses for having no token has none, when the request itself tells:
 * a browser's CORS preflight never carries one (Fetch "CORS protocol": credentials are excluded), so
 * "send Authorization" would be the wrong advice while CORS is off; and a login endpoint left closed is
 * fixed on the server, not by the client. Only the refusal changes: an endpoint open to anonymous callers
 * is untouched, so an application that answers such requests itself still does. Stateless.
 */
final class NoTokenCause {

    private NoTokenCause() {
    }

    /**
     * {@code refusal}, or, when it is {@code missing_token} and the request shows why, the refusal that names
     * the cause.
     *
     * @param corsEnabled whether JwtGuard answers preflights itself (then none reaches authorization)
     * @param report the start-up's rule table, which flags login endpoints that need authentication
     */
    static Failure explain(Failure refusal, HttpServletRequest request, String servlet, boolean corsEnabled,
            RuleReport report) {
        if (refusal.reason() != Reason.MISSING_TOKEN) {
            return refusal;
        }
        String origin = request.getHeader("Origin");
        if (!corsEnabled && origin != null && "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null) {
            // 403 like the other preflight refusals: no credentials could fix it, so no Bearer challenge.
            return Failure.of(Reason.CORS_DISABLED, "this is a browser's CORS preflight from origin '"
                    + Text.shortValue(origin) + "', which never carries a token, and CORS is off on this API, so the"
                    + " browser will not send the request itself; to let that origin call the API, list it in "
                    + Setting.CORS_ALLOWED_ORIGINS.key());
        }
        if ("POST".equals(request.getMethod()) && servlet != null) {
            for (RuleReport.Row row : report.rows()) {
                if (row.servlet().equals(servlet) && row.loginNeedsAuthentication()) {
                    String fix = "servlet '" + servlet + "' " + row.mappings() + " looks like a login endpoint but needs"
                            + " authentication: annotate it @AllowAnonymous so clients can log in without a token";
                    return new Failure(Reason.MISSING_TOKEN, "the request has no bearer token, and this endpoint"
                            + " requires authentication; if clients log in here to get a token, the endpoint must be"
                            + " opened to anonymous callers on the server (its log line says how)", fix, null, fix, refusal.scope());
                }
            }
        }
        return refusal;
    }
}
