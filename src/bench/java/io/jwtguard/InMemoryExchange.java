package io.jwtguard;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.MappingMatch;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request and response held in memory for the benchmarks: what the filter's path reads is answered by
 * plain fields (no reflection on the measured path); anything else would fail loudly.
 */
final class InMemoryExchange {

    private InMemoryExchange() {
    }

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(InMemoryExchange.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                }));
    }

    /** A GET to one servlet with one Authorization header. */
    static final class Request extends HttpServletRequestWrapper {

        private final List<String> authorization;
        private final HttpServletMapping mapping;
        private final Map<String, Object> attributes = new HashMap<>();

        Request(String servletName, String authorizationHeader) {
            super(unsupported(HttpServletRequest.class));
            this.authorization = List.of(authorizationHeader);
            this.mapping = new HttpServletMapping() {
                @Override
                public String getMatchValue() {
                    return "me";
                }

                @Override
                public String getPattern() {
                    return "/api/me";
                }

                @Override
                public String getServletName() {
                    return servletName;
                }

                @Override
                public MappingMatch getMappingMatch() {
                    return MappingMatch.EXACT;
                }
            };
        }

        /** Ready for the next request: a servlet container gives each request fresh attributes. */
        Request reset() {
            attributes.clear();
            return this;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Authorization".equalsIgnoreCase(name) ? Collections.enumeration(authorization)
                    : Collections.emptyEnumeration();
        }

        @Override
        public String getHeader(String name) {
            return "Authorization".equalsIgnoreCase(name) ? authorization.get(0) : null;
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public HttpServletMapping getHttpServletMapping() {
            return mapping;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
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
        public String getRequestURI() {
            return "/api/me";
        }

        @Override
        public String getContextPath() {
            return "";
        }

        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public jakarta.servlet.http.Cookie[] getCookies() {
            return null;
        }
    }

    /** A response that remembers its status; a refusal would show up as a status other than 200. */
    static final class Response extends HttpServletResponseWrapper {

        int status = 200;

        Response() {
            super(unsupported(HttpServletResponse.class));
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void setHeader(String name, String value) {
        }

        @Override
        public void addHeader(String name, String value) {
        }

        @Override
        public void setContentType(String type) {
        }

        @Override
        public void setCharacterEncoding(String charset) {
        }

        @Override
        public void setContentLength(int len) {
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                }
            };
        }
    }
}
