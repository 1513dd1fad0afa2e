package io.jwtguard.internal.config;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which registered servlets are of a kind JwtGuard treats apart (Jakarta REST dispatchers, MCP transports): those whose
 * class is, or extends, one of the kind's classes, known by name so that JwtGuard loads none of their libraries.
 * Stateless.
 */
public final class ServletClasses {

    private ServletClasses() {
    }

    /** The names of the registered servlets whose class is, or extends, one of {@code classNames}. */
    public static Set<String> servletsOf(ServletContext context, ClassLoader loader, Set<String> classNames) {
        Set<String> servlets = new LinkedHashSet<>();
        for (Map.Entry<String, ? extends ServletRegistration> entry : context.getServletRegistrations().entrySet()) {
            if (isOrExtends(entry.getValue().getClassName(), classNames, loader)) {
                servlets.add(entry.getKey());
            }
        }
        return servlets;
    }

    private static boolean isOrExtends(String className, Set<String> classNames, ClassLoader loader) {
        if (className == null) {
            return false;
        }
        if (classNames.contains(className)) {
            return true;
        }
        try {
            for (Class<?> c = Class.forName(className, false, loader); c != null; c = c.getSuperclass()) {
                if (classNames.contains(c.getName())) {
                    return true;
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return false;
    }
}
