package io.jwtguard;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Makes JwtGuard's rules hold for servlets and filters registered in code: once the application's own
 * listeners and initializers have registered theirs, it runs JwtGuard's start-up self-check and guards every
 * servlet against named dispatches ({@code getNamedDispatcher}), which URL-mapped filters never see. A
 * problem fails the deployment, naming what to fix.
 *
 * <p>JwtGuard's jar declares it in its {@code web-fragment.xml}, ordered after every other fragment, so most
 * applications never name it. Declare it yourself, after the listeners that register servlets, when the
 * application's {@code web.xml} is {@code metadata-complete="true"} or its {@code <absolute-ordering>} leaves
 * out {@code jwtguard}:
 *
 * <pre>{@code
 * <listener>
 *   <listener-class>io.jwtguard.JwtGuardContextListener</listener-class>
 * </listener>
 * }</pre>
 *
 * Declared twice, it does its work once. Stateless.
 */
public final class JwtGuardContextListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Implementation.runtime().contextInitialized(event.getServletContext());
    }

    /** Removes what JwtGuard registered with the container for this application (container identity mode). */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Implementation.runtime().contextDestroyed(event.getServletContext());
    }
}
