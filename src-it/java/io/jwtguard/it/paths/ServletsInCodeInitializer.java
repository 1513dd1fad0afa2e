package io.jwtguard.it.paths;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * A framework's initializer (found through META-INF/services in the WAR) that registers servlets in code;
 * the container runs it before or after JwtGuard's own, in no order the application controls.
 */
public class ServletsInCodeInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        RegistersInCode.servlets(context);
    }
}
