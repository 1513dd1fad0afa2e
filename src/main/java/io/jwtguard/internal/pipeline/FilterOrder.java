package io.jwtguard.internal.pipeline;

import io.jwtguard.Reason;
import io.jwtguard.internal.diagnostics.Failure;
import jakarta.servlet.FilterRegistration;
import java.util.Map;

/**
 * Which JwtGuard stage filters the application registered, by filter name, to tell the right
 * {@code <filter-mapping>} order when stages run out of it (the article's middleware-order cause).
 * Immutable.
 */
record FilterOrder(String cors, String authentication, String authorization) {

    static FilterOrder of(Map<String, ? extends FilterRegistration> registrations) {
        String cors = null;
        String authentication = null;
        String authorization = null;
        for (Map.Entry<String, ? extends FilterRegistration> entry : registrations.entrySet()) {
            FilterKind kind = FilterKind.of(String.valueOf(entry.getValue().getClassName())).orElse(FilterKind.ALL_STAGES);
            switch (kind) {
                case CORS -> cors = entry.getKey();
                case AUTHENTICATION -> authentication = entry.getKey();
                case AUTHORIZATION -> authorization = entry.getKey();
                case ALL_STAGES -> { } // runs all three in order itself
            }
        }
        return new FilterOrder(cors, authentication, authorization);
    }

    boolean hasCorsFilter() {
        return cors != null;
    }

    Failure wrong(String what) {
        StringBuilder order = new StringBuilder();
        for (String name : new String[] {cors, authentication, authorization}) {
            if (name != null) {
                order.append(order.length() == 0 ? "" : ", then ").append('\'').append(name).append('\'');
            }
        }
        return Failure.of(Reason.FILTER_ORDER_WRONG, "JwtGuard's stages ran out of order: " + what + ". In web.xml"
                + " the <filter-mapping> elements decide the order; list them as " + order
                + " (CORS, then authentication, then authorization), or register io.jwtguard.JwtGuardFilter alone");
    }
}
