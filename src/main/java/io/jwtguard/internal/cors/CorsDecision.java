package io.jwtguard.internal.cors;

import io.jwtguard.internal.diagnostics.Failure;
import java.util.List;

/**
 * What the CORS stage decided for one request, and the headers the response must carry whatever the
 * later stages decide (so a 401 or 403 is readable by the browser script, not a CORS error). Immutable.
 *
 * @param kind what the filter does next
 * @param headers response headers to set, in order
 * @param failure for {@link Kind#REFUSE_PREFLIGHT}, why; otherwise {@code null}
 */
public record CorsDecision(Kind kind, List<Header> headers, Failure failure) {

    public enum Kind {
        /** Not a preflight: go on to authentication with {@link #headers()} on the response. */
        CONTINUE,
        /** A preflight this stage accepted: answer it now, with no authentication (Fetch, CORS-preflight). */
        ANSWER_PREFLIGHT,
        /** A preflight this stage refused: 403 with the reason and no {@code Access-Control-Allow-*} header. */
        REFUSE_PREFLIGHT
    }

    /**
     * One response header.
     *
     * @param append whether to add to existing values ({@code Vary}) rather than replace them
     */
    public record Header(String name, String value, boolean append) {
    }

    public CorsDecision {
        headers = List.copyOf(headers);
    }
}
