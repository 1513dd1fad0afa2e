package io.jwtguard.internal.authz;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jakarta REST resource method and every declaration it overrides or implements, linked as the Java compiler links
 * them: through type arguments and erasure, across bridge methods, on superclasses and interfaces at any depth.
 * {@code interface Crud<T> { @RolesAllowed("Admin") String put(T body); }} implemented as {@code put(String)} by a
 * {@code Crud<String>} is one family: asking for the exact parameter types would miss the erased {@code put(Object)}
 * and with it the rule (Jakarta REST 3.1 §3.6 inherits annotations along the same chain). Stateless.
 */
final class Overrides {

    private Overrides() {
    }

    /**
     * {@code method} as seen from {@code resource} and each declaration of it along {@code resource}'s types, most
     * derived first. A bridge method stands for the method it bridges to; where several could be meant, all of them
     * count (their rules then all apply: never fewer).
     */
    static List<Method> of(Class<?> resource, Method method) {
        Bindings bindings = Bindings.of(resource);
        List<Class<?>[]> signatures = new ArrayList<>();
        for (Method target : bridgedTo(method)) {
            signatures.add(bindings.erasedParameters(target));
        }
        List<Method> family = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>(typesOf(resource));
        if (!types.contains(method.getDeclaringClass())) {
            types.add(method.getDeclaringClass());
        }
        for (Class<?> type : types) {
            for (Method declared : type.getDeclaredMethods()) {
                if (declared.isBridge() || declared.isSynthetic() || Modifier.isStatic(declared.getModifiers())
                        || !declared.getName().equals(method.getName())
                        || declared.getParameterCount() != method.getParameterCount()) {
                    continue;
                }
                Class<?>[] erased = bindings.erasedParameters(declared);
                if (signatures.stream().anyMatch(signature -> Arrays.equals(signature, erased))) {
                    family.add(declared);
                }
            }
        }
        if (family.isEmpty()) {
            family.add(method);
        }
        return family;
    }

    /** {@code type}, its superclasses and every interface it implements, nearest first; never {@code Object}. */
    static List<Class<?>> typesOf(Class<?> type) {
        List<Class<?>> types = new ArrayList<>();
        Deque<Class<?>> pending = new ArrayDeque<>(List.of(type));
        while (!pending.isEmpty()) {
            Class<?> c = pending.removeFirst();
            if (c == Object.class || types.contains(c)) {
                continue;
            }
            types.add(c);
            if (c.getSuperclass() != null) {
                pending.add(c.getSuperclass());
            }
            pending.addAll(List.of(c.getInterfaces()));
        }
        return types;
    }

    /** The methods a bridge forwards to (the same name and arity, parameters it can accept); else the method. */
    private static List<Method> bridgedTo(Method method) {
        if (!method.isBridge()) {
            return List.of(method);
        }
        List<Method> targets = new ArrayList<>();
        for (Method candidate : method.getDeclaringClass().getDeclaredMethods()) {
            if (!candidate.isBridge() && candidate.getName().equals(method.getName())
                    && candidate.getParameterCount() == method.getParameterCount()
                    && accepts(method.getParameterTypes(), candidate.getParameterTypes())) {
                targets.add(candidate);
            }
        }
        return targets.isEmpty() ? List.of(method) : targets;
    }

    private static boolean accepts(Class<?>[] bridge, Class<?>[] target) {
        for (int i = 0; i < bridge.length; i++) {
            if (!bridge[i].isAssignableFrom(target[i])) {
                return false;
            }
        }
        return true;
    }

    /** The type arguments {@code resource} gives each type variable of its supertypes. */
    private record Bindings(Map<TypeVariable<?>, Type> arguments) {

        static Bindings of(Class<?> resource) {
            Map<TypeVariable<?>, Type> arguments = new HashMap<>();
            for (Class<?> type : typesOf(resource)) {
                List<Type> supertypes = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
                supertypes.add(type.getGenericSuperclass());
                for (Type supertype : supertypes) {
                    if (supertype instanceof ParameterizedType parameterized
                            && parameterized.getRawType() instanceof Class<?> raw) {
                        TypeVariable<?>[] variables = raw.getTypeParameters();
                        Type[] actual = parameterized.getActualTypeArguments();
                        for (int i = 0; i < variables.length && i < actual.length; i++) {
                            arguments.putIfAbsent(variables[i], actual[i]);
                        }
                    }
                }
            }
            return new Bindings(arguments);
        }

        Class<?>[] erasedParameters(Method method) {
            Type[] generic = method.getGenericParameterTypes();
            Class<?>[] raw = method.getParameterTypes();
            // Inner classes' and enums' constructors aside, the two agree in length; fall back to the raw types if not.
            if (generic.length != raw.length) {
                return raw;
            }
            Class<?>[] erased = new Class<?>[generic.length];
            for (int i = 0; i < generic.length; i++) {
                erased[i] = erase(generic[i], 0);
            }
            return erased;
        }

        private Class<?> erase(Type type, int depth) {
            if (depth > 32) {
                return Object.class; // a cycle of variables bound to each other: nothing more to learn
            }
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType parameterized) {
                return erase(parameterized.getRawType(), depth + 1);
            }
            if (type instanceof GenericArrayType array) {
                return erase(array.getGenericComponentType(), depth + 1).arrayType();
            }
            if (type instanceof TypeVariable<?> variable) {
                Type bound = arguments.get(variable);
                return erase(bound != null ? bound : variable.getBounds()[0], depth + 1);
            }
            if (type instanceof WildcardType wildcard) {
                return erase(wildcard.getUpperBounds()[0], depth + 1);
            }
            return Object.class;
        }
    }
}
