package io.jwtguard.it.paths;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** An application's listener, declared in web.xml, that registers JwtGuard's filter and the servlets in code. */
public class FilterInCodeListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        RegistersInCode.jwtGuardFilter(event.getServletContext());
        RegistersInCode.servlets(event.getServletContext());
    }
}
