package io.jwtguard.testing;

import io.jwtguard.Authorize;
import io.jwtguard.JwtGuardFilter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A JwtGuardFilter started as a container starts it, in front of two servlets: {@code me} (any caller) and
 * {@code admin} (role {@code Admin}); for tests that count what it decides. Not thread-safe.
 */
public final class GuardedApp implements AutoCloseable {

    @Authorize
    static final class MeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @Authorize(roles = "Admin")
    static final class AdminServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    private final JwtGuardFilter filter = new JwtGuardFilter();

    /** Started with the test HMAC settings and {@code changes}. */
    public GuardedApp(Map<String, String> changes) throws ServletException {
        Map<String, String> params = TestSettings.hmacValues();
        params.putAll(changes);
        FakeContainer container = new FakeContainer().servlet("me", MeServlet.class, "/api/me")
                .servlet("admin", AdminServlet.class, "/api/admin");
        FilterConfig config = container.filter("JwtGuard", params);
        new io.jwtguard.internal.pipeline.JwtGuardInitializer().onStartup(java.util.Set.of(), container.context());
        filter.init(config);
    }

    /** The status JwtGuard answers {@code GET} to {@code servlet} with this bearer token (null: none); 200 when let through. */
    public int status(String servlet, String token) throws Exception {
        FakeRequest request = FakeRequest.get("/api/" + servlet).servlet(servlet);
        if (token != null) {
            request.bearer(token);
        }
        FakeResponse response = new FakeResponse();
        filter.doFilter(request, response, (req, res) -> { });
        return response.getStatus();
    }

    /** A token of the test issuer with role {@code User}. */
    public static String userToken() {
        return Tokens.valid(Instant.now()).sign(Tokens.hs256());
    }

    /** A token of the test issuer that expired an hour ago. */
    public static String expiredToken() {
        return Tokens.valid(Instant.now().minus(Duration.ofHours(2))).withClaim("roles", List.of("User"))
                .sign(Tokens.hs256());
    }

    @Override
    public void close() {
        filter.destroy();
    }
}
