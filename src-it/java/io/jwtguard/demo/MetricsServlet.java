package io.jwtguard.demo;

import io.jwtguard.AllowAnonymous;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: JwtGuard's meters (and any other in Micrometer's global registry) in Prometheus text
 * format. No token, as a scraper sends none, so it answers only callers on this machine: a demo that
 * {@code DEMO_HOST} opens to other machines keeps its counts to itself.
 */
@AllowAnonymous
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Prometheus text exposition format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient PrometheusMeterRegistry registry;

    public MetricsServlet(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!loopback(request.getRemoteAddr())) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("/metrics answers callers on this machine only\n");
            return;
        }
        response.setContentType(CONTENT_TYPE);
        response.getOutputStream().write(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code address} is this machine's loopback. The container gives a literal IP (an IPv6 one perhaps in
     * brackets), which {@code getByName} parses without asking any name server; anything else is not loopback.
     */
    static boolean loopback(String address) {
        if (address == null || address.isEmpty() || !address.matches("[0-9A-Fa-f:.\\[\\]%]+")) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
