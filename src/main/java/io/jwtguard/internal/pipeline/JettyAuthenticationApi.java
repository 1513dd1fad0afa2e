package io.jwtguard.internal.pipeline;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Jetty hides Jakarta Authentication from web applications (its {@code JaspiConfiguration} adds
 * {@code jakarta.security.auth.message.} to the hidden classes), so that only the server registers modules. In
 * container identity mode JwtGuard registers its module from the application, so it makes the server's API
 * visible to this one application, at deploy time, before any of its types is loaded: the same factory Jetty's
 * {@code JaspiAuthenticatorFactory} asks when the context's security handler starts. Done through Jetty's public
 * {@code WebAppContext.getHiddenClassMatcher().exclude(...)}, reached by reflection: JwtGuard is not compiled against
 * Jetty. Stateless.
 */
final class JettyAuthenticationApi {

    static final String PACKAGE = "jakarta.security.auth.message.";

    private JettyAuthenticationApi() {
    }

    /**
     * Makes the server's Jakarta Authentication visible to {@code context}'s application.
     *
     * @return why it cannot be, or empty when it now is
     */
    static Optional<String> expose(ServletContext context) {
        ClassLoader server = context.getClass().getClassLoader();
        try {
            Class.forName(PACKAGE + "config.AuthConfigFactory", false, server);
        } catch (ClassNotFoundException | LinkageError e) {
            String environment = environment(context);
            // The module needs a factory module beside it: --add-modules=<env>-jaspi alone stops Jetty's start.
            return Optional.of("Jetty's Jakarta Authentication module is not enabled; enable it in the Jetty base"
                    + " (java -jar $JETTY_HOME/start.jar --add-modules=" + environment
                    + "-jaspi-default-auth-config-factory," + environment + "-jaspi)");
        }
        try {
            Class<?> handlerType = Class.forName("org.eclipse.jetty." + environment(context)
                    + ".servlet.ServletContextHandler", false, server);
            Object handler = handlerType.getMethod("getServletContextHandler", ServletContext.class).invoke(null, context);
            Method matcher = handler.getClass().getMethod("getHiddenClassMatcher");
            Object hidden = matcher.invoke(handler);
            hidden.getClass().getMethod("exclude", String[].class).invoke(hidden, (Object) new String[] {PACKAGE});
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.of("Jetty's hidden classes could not be changed to let JwtGuard register with Jakarta"
                    + " Authentication (" + e.getClass().getSimpleName() + ")");
        }
        try {
            Class.forName(PACKAGE + "config.AuthConfigFactory", false, Guard.loader(context));
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("the application still does not see Jetty's Jakarta Authentication");
        }
    }

    /** Whether {@code messageInfo} is Jetty's, whose requests a module that answers must complete itself. */
    static boolean handles(Object messageInfo) {
        return messageInfo.getClass().getName().startsWith("org.eclipse.jetty.");
    }

    /**
     * Sends JwtGuard's answer the way Jetty's own modules do: on Jetty's response (its servlet output is not open yet
     * while authentication runs), completing the request's callback, which Jetty's {@code JaspiMessageInfo} carries.
     * With no answer (a preflight, or a listener that answered), what is already set goes, with no body.
     */
    static void send(Object messageInfo, Optional<Responder.Answer> answer) {
        ClassLoader server = messageInfo.getClass().getClassLoader();
        try {
            Object response = messageInfo.getClass().getMethod("getBaseResponse").invoke(messageInfo);
            Object callback = messageInfo.getClass().getMethod("getCallback").invoke(messageInfo);
            Class<?> responseType = Class.forName("org.eclipse.jetty.server.Response", false, server);
            Class<?> callbackType = Class.forName("org.eclipse.jetty.util.Callback", false, server);
            java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(0);
            if (answer.isPresent()) {
                responseType.getMethod("setStatus", int.class).invoke(response, answer.get().status());
                Object headers = responseType.getMethod("getHeaders").invoke(response);
                Method put = Class.forName("org.eclipse.jetty.http.HttpFields$Mutable", false, server)
                        .getMethod("put", String.class, String.class);
                for (java.util.Map.Entry<String, String> header : answer.get().headers().entrySet()) {
                    put.invoke(headers, header.getKey(), header.getValue());
                }
                put.invoke(headers, "Content-Type", Responder.PROBLEM_JSON + ";charset=utf-8");
                body = java.nio.ByteBuffer.wrap(answer.get().body());
            }
            responseType.getMethod("write", boolean.class, java.nio.ByteBuffer.class, callbackType)
                    .invoke(response, true, body, callback);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("JwtGuard could not answer through Jetty's response: " + e, e);
        }
    }

    /** The application's Jakarta EE environment on Jetty 12: ee10 or ee11, from its servlet context's class. */
    static String environment(ServletContext context) {
        String name = context.getClass().getName();
        return name.startsWith("org.eclipse.jetty.ee11.") ? "ee11" : "ee10";
    }

    /** The application context Jetty's {@code JaspiAuthenticatorFactory} looks modules up under. */
    static String appContext(ServletContext context) {
        String host = context.getVirtualServerName();
        return (host == null || host.isEmpty() ? "server" : host) + " " + context.getContextPath();
    }
}
