package io.jwtguard.it.app;

import io.jwtguard.AllowAnonymous;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /probe}: which container this is, on which Java, and who provides MicroProfile Config to the application
 * (the class loader of the Config implementation: a WildFly module, a jar in WEB-INF/lib, or none).
 */
@AllowAnonymous
public class ProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().println("server=" + getServletContext().getServerInfo());
        response.getWriter().println("java=" + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")");
        try {
            Object config = Class.forName("org.eclipse.microprofile.config.ConfigProvider", true,
                    Thread.currentThread().getContextClassLoader()).getMethod("getConfig").invoke(null);
            response.getWriter().println("config=" + config.getClass().getName());
            response.getWriter().println("configLoader=" + config.getClass().getClassLoader());
        } catch (ReflectiveOperationException | LinkageError e) {
            // The drop-in jar on a server without MicroProfile Config: JwtGuard reads the sources itself.
            response.getWriter().println("config=none");
        }
    }
}
