package io.jwtguard.internal.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every start-up problem found so far, from every area (settings, policies, rules, listeners), each
 * naming what to fix; thrown once as an {@link InvalidSettingsException} when all areas have been read,
 * so one start-up reports them all. Not thread-safe; used by one start-up.
 */
public final class Problems {

    private final List<String> problems = new ArrayList<>();

    public void add(String problem) {
        problems.add(problem);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Every problem so far, in the order found. */
    public List<String> all() {
        return List.copyOf(problems);
    }

    /** @throws InvalidSettingsException listing every problem, when there is one */
    public void throwIfAny() throws InvalidSettingsException {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    /** What {@code reading} returns when it found no problem. */
    public static <T> T require(Reading<T> reading) throws InvalidSettingsException {
        Problems problems = new Problems();
        T value = reading.read(problems);
        problems.throwIfAny();
        return value;
    }

    /** One area's reading, which adds what is wrong to the problems it is given. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(Problems problems) throws InvalidSettingsException;
    }
}
