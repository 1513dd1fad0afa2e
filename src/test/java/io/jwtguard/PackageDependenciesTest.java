package io.jwtguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's packages, as the JDK's {@code jdeps} reads them from the compiled classes: the public package
 * depends on no internal one (the implementation is reached through {@link JwtGuardRuntime}), and no packages
 * depend on each other in a cycle, so each can be read after the ones it uses.
 */
class PackageDependenciesTest {

    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void readWithJdeps() throws Exception {
        Path classes = Path.of(JwtGuardRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", classes.toString());
        assertThat(status).as(out.toString()).isZero();
        for (String line : out.toString().split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith("io.jwtguard")
                    && words[2].startsWith("io.jwtguard") && !words[0].equals(words[2])) {
                USES.computeIfAbsent(words[0], p -> new TreeSet<>()).add(words[2]);
            }
        }
        assertThat(USES).as("jdeps found no package of JwtGuard: " + out).containsKey("io.jwtguard.internal.pipeline");
    }

    @Test
    void thePublicPackageUsesNoInternalOne() {
        assertThat(USES.getOrDefault("io.jwtguard", Set.of())).noneMatch(used -> used.startsWith("io.jwtguard.internal"));
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        List<String> cycles = new ArrayList<>();
        for (String start : USES.keySet()) {
            // A path from a package's dependencies back to the package itself is a cycle.
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : USES.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    if (next.equals(start)) {
                        cycles.add(String.join(" -> ", longer));
                    } else if (seen.add(next)) {
                        paths.push(longer);
                    }
                }
            }
        }
        assertThat(cycles).isEmpty();
    }
}
