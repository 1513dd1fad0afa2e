package io.jwtguard.it.paths;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** An application's listener, declared in web.xml, that registers servlets in code. */
public class ServletsInCodeListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        RegistersInCode.servlets(event.getServletContext());
    }
}
