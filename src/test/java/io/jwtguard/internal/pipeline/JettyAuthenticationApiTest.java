package io.jwtguard.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** What start-up says on a Jetty whose server has no Jakarta Authentication (its module not enabled). */
class JettyAuthenticationApiTest {

    /** A class loader like such a Jetty's: the servlet API, and no {@code jakarta.security.auth.message}. */
    private static final class WithoutAuthentication extends ClassLoader {
        WithoutAuthentication() {
            super(ServletContext.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(JettyAuthenticationApi.PACKAGE)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void withoutJettysModuleTheRefusalNamesTheCommandThatEnablesIt() {
        // The context's class comes from the server's loader, as Jetty's own ServletContext does.
        ServletContext context = (ServletContext) Proxy.newProxyInstance(new WithoutAuthentication(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> null);

        assertThat(JettyAuthenticationApi.expose(context)).hasValue("Jetty's Jakarta Authentication module is not"
                + " enabled; enable it in the Jetty base (java -jar $JETTY_HOME/start.jar"
                + " --add-modules=ee10-jaspi-default-auth-config-factory,ee10-jaspi)");
    }

    @Test
    void jettysKeyIsServerAndTheContextPathWithoutAVirtualHost() {
        ServletContext context = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> method.getName().equals("getContextPath") ? "/shop" : null);

        assertThat(JettyAuthenticationApi.appContext(context)).isEqualTo("server /shop");
    }
}
