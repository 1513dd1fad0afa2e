package io.jwtguard.it.paths;

import io.jwtguard.JwtGuardFilter;
import io.jwtguard.it.app.CanaryServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;

/** What frameworks do at start-up: servlets, and sometimes JwtGuard's own filter, registered in code. */
final class RegistersInCode {

    private RegistersInCode() {
    }

    /** The protected canary (Admin only) and the open forwarder, registered in code. */
    static void servlets(ServletContext context) {
        ServletRegistration.Dynamic canary = context.addServlet("code-canary", CanaryServlet.class);
        canary.addMapping("/code-canary");
        ServletRegistration.Dynamic forward = context.addServlet("code-forward", NamedForwardServlet.class);
        forward.addMapping("/code-forward");
    }

    /** JwtGuard's filter registered in code, for every dispatch, as its web.xml snippet would. */
    static void jwtGuardFilter(ServletContext context) {
        FilterRegistration.Dynamic filter = context.addFilter("JwtGuard", JwtGuardFilter.class);
        filter.setAsyncSupported(true);
        filter.setInitParameter("jwtguard.realm", "jwtguard-demo");
        filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    }
}
