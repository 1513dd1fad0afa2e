package io.jwtguard.it.app;

import io.jwtguard.AllowAnonymous;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code GET /probe}: which container this is, and who provides MicroProfile Config to the application
 * (the class loader of the Config implementation: a WildFly module, or a jar in WEB-INF/lib).
 */
@AllowAnonymous
public class ProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().println("server=" + getServletContext().getServerInfo());
        response.getWriter().println("config=" + ConfigProvider.getConfig().getClass().getName());
        response.getWriter().println("configLoader=" + ConfigProvider.getConfig().getClass().getClassLoader());
    }
}
