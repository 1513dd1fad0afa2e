package io.jwtguard.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.MappingMatch;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request held in memory, for unit tests and benchmarks: what JwtGuard's stages read is answered by
 * plain fields (no reflection on the measured path); anything else fails loudly, so a stage that starts
 * reading something new shows up here. Not thread-safe: one per test or benchmark thread.
 */
public final class FakeRequest extends HttpServletRequestWrapper {

    private final String method;
    private final String uri;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private HttpServletMapping mapping;
    private DispatcherType dispatcherType = DispatcherType.REQUEST;
    private boolean headersHidden;
    private String scheme = "https";
    private String serverName = "api.test";
    private int serverPort = 443;
    private String remoteAddr = "192.0.2.10";

    private FakeRequest(String method, String uri) {
        super(FakeResponse.unsupported(HttpServletRequest.class));
        this.method = method;
        this.uri = uri;
        this.mapping = mapping(uri, "default");
    }

    /** A request with {@code method} to {@code uri} in the root context, for servlet {@code default}. */
    public static FakeRequest of(String method, String uri) {
        return new FakeRequest(method, uri);
    }

    public static FakeRequest get(String uri) {
        return of("GET", uri);
    }

    /** The servlet the container mapped this request to. */
    public FakeRequest servlet(String name) {
        mapping = mapping(uri, name);
        return this;
    }

    /** Where the request was sent, as the container saw it (default {@code https://api.test:443}). */
    public FakeRequest server(String scheme, String name, int port) {
        this.scheme = scheme;
        this.serverName = name;
        this.serverPort = port;
        return this;
    }

    /** The peer's address (default {@code 192.0.2.10}). */
    public FakeRequest remoteAddr(String address) {
        this.remoteAddr = address;
        return this;
    }

    @Override
    public String getScheme() {
        return scheme;
    }

    @Override
    public String getServerName() {
        return serverName;
    }

    @Override
    public int getServerPort() {
        return serverPort;
    }

    @Override
    public String getRemoteAddr() {
        return remoteAddr;
    }

    /** Adds a value of {@code name}; a header may be given several times. */
    public FakeRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
        return this;
    }

    public FakeRequest bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** Adds {@code name=value} to the request's one {@code Cookie} header, as a browser sends it. */
    public FakeRequest cookie(String name, String value) {
        List<String> cookie = headers.computeIfAbsent("cookie", n -> new ArrayList<>());
        String pair = name + "=" + value;
        if (cookie.isEmpty()) {
            cookie.add(pair);
        } else {
            cookie.set(0, cookie.get(0) + "; " + pair);
        }
        return this;
    }

    public FakeRequest dispatch(DispatcherType type) {
        dispatcherType = type;
        return this;
    }

    /** Like a container that will not let the application read headers: {@code getHeaders} answers null. */
    public FakeRequest hidingHeaders() {
        headersHidden = true;
        return this;
    }

    /** Ready for the next request: a servlet container gives each request fresh attributes. */
    public FakeRequest reset() {
        attributes.clear();
        return this;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (headersHidden) {
            return null;
        }
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? Collections.emptyEnumeration() : Collections.enumeration(values);
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headersHidden ? null : headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.keySet());
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public HttpServletMapping getHttpServletMapping() {
        return mapping;
    }

    /** Built once, not per call: benchmarks read it on the measured path. */
    private static HttpServletMapping mapping(String uri, String name) {
        return new HttpServletMapping() {
            @Override
            public String getMatchValue() {
                return uri;
            }

            @Override
            public String getPattern() {
                return uri;
            }

            @Override
            public String getServletName() {
                return name;
            }

            @Override
            public MappingMatch getMappingMatch() {
                return MappingMatch.EXACT;
            }
        };
    }

    @Override
    public DispatcherType getDispatcherType() {
        return dispatcherType;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public String getRequestURI() {
        return uri;
    }

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    private jakarta.servlet.http.HttpSession session;
    private int sessionIdChanges;

    /** The session the container found for this request's cookie; none unless given. */
    public FakeRequest session(jakarta.servlet.http.HttpSession existing) {
        session = existing;
        return this;
    }

    /** How often {@code changeSessionId} was called. */
    public int sessionIdChanges() {
        return sessionIdChanges;
    }

    @Override
    public jakarta.servlet.http.HttpSession getSession(boolean create) {
        if (session == null && create) {
            throw new UnsupportedOperationException("FakeRequest.getSession(true)");
        }
        return session;
    }

    @Override
    public String changeSessionId() {
        if (session == null) {
            throw new IllegalStateException("no session");
        }
        sessionIdChanges++;
        return "changed-" + sessionIdChanges;
    }

    /** Mapped by the default servlet ({@code /}): the whole path is the servlet path. */
    @Override
    public String getServletPath() {
        return uri;
    }

    @Override
    public String getPathInfo() {
        return null;
    }

    /** A request body held in memory, for tests and benchmarks that give a request one. */
    public static jakarta.servlet.ServletInputStream body(byte[] bytes) {
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(bytes);
        return new jakarta.servlet.ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(jakarta.servlet.ReadListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }
        };
    }
}
