package io.jwtguard;

import io.jwtguard.demo.DocumentsServlet;
import com.sun.management.OperatingSystemMXBean;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * End-to-end throughput: the demo's documents servlet on embedded Jetty 12, bare and behind JwtGuard (HS256
 * and RS256, each with the verified-token cache on, the default, and off), driven on loopback by wrk (Debian's
 * package). Each configuration is compared with the bare servlet sent the very same token bytes, measured
 * right before or after it; the pairs, and the order within each, are shuffled every round; the ratio is taken
 * per pair and reported as its median with the lowest and highest. A last configuration measures valid
 * callers while a flood of badly signed tokens runs on other connections; three more tell apart what the
 * numbers are made of: a filter that does nothing but wrap the request (what any filter costs in Jetty), the
 * forged token alone on as many connections as the valid ones (what a refusal costs the server against a
 * valid request), and the bare servlet's callers beside as many more connections as the flood has, valid ones
 * (what those connections take from the others whatever they send: the flood's ceiling). Each run also reports
 * the server's CPU time and context switches per request, and how busy it kept its CPU. When {@code taskset} is
 * there, this JVM (the server) is expected on CPU 0 (the pom starts it so) and wrk is pinned to CPU 1; the line
 * printed first says what ran.
 * Usage: {@code Throughput [--rounds 10] [--seconds 3] [--warmup 5] [--connections 16] [--flood-connections 4]
 * [--only REGEX]} (the warm-up runs each configuration once, before the rounds; {@code --only} keeps the
 * configurations whose names match, and every configuration they are compared with, however indirectly).
 */
public final class Throughput {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("([0-9]+) requests in ");

    /**
     * One wrk run as the server saw it: requests answered per second, and this JVM's CPU time (user and system,
     * every thread) and context switches per request answered. {@code busy} is that CPU time over the run's wall
     * time: near 1, the server's one CPU was the limit, and the ratios compare what a request costs it.
     */
    private record Measured(double requestsPerSecond, double cpuMicrosPerRequest, double busy,
            double switchesPerRequest) {
    }

    /**
     * A configuration measured, the context it runs in, the token it is sent, its bare twin, whether its answers
     * are refusals (every other configuration must answer 200 only), and the token that more connections send
     * to the same context meanwhile ({@code null}: none).
     */
    private record Run(String name, String context, String token, String bare, boolean refused, String crowd) {
        Run(String name, String context, String token, String bare) {
            this(name, context, token, bare, false, null);
        }
    }

    private Throughput() {
    }

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Exception failed) {
            // Jetty's threads would keep this JVM, and the server, up after a failed run: end it, saying why.
            System.err.println("Throughput failed: " + failed);
            System.exit(1);
        }
    }

    private static void measure(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("rounds", "10", "seconds", "3", "warmup", "5",
                "connections", "16", "flood-connections", "4"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            System.err.println("Throughput needs wrk: apt-get install wrk");
            System.exit(2);
        }
        boolean pinned = Files.isExecutable(Path.of("/usr/bin/taskset"));
        System.out.println("server on CPUs " + allowedCpus() + (pinned ? ", wrk pinned to CPU 1" : ", wrk not pinned"
                + " (no taskset)") + "; " + Runtime.getRuntime().availableProcessors() + " processors; Java "
                + System.getProperty("java.version"));
        System.setProperty("org.eclipse.jetty.LEVEL", "WARN");
        BenchSetup.Material hs256 = BenchSetup.material("HS256");
        BenchSetup.Material rs256 = BenchSetup.material("RS256");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context("/bare", null));
        contexts.addHandler(context("/hs256", filterParams(hs256, true)));
        contexts.addHandler(context("/hs256-nocache", filterParams(hs256, false)));
        contexts.addHandler(context("/rs256", filterParams(rs256, false)));
        contexts.addHandler(context("/rs256-cache", filterParams(rs256, true)));
        contexts.addHandler(passThrough(context("/wrapped", null)));
        server.setHandler(contexts);
        server.start();
        int port = connector.getLocalPort();
        String forged = hs256.token().substring(0, hs256.token().lastIndexOf('.') + 1) + "Zm9yZ2VkLXNpZ25hdHVyZQ";

        List<Run> all = List.of(new Run("bare (HS256 token)", "bare", hs256.token(), null),
                new Run("bare (RS256 token)", "bare", rs256.token(), null),
                new Run("HS256, cache on", "hs256", hs256.token(), "bare (HS256 token)"),
                new Run("HS256, cache off", "hs256-nocache", hs256.token(), "bare (HS256 token)"),
                new Run("RS256, cache on", "rs256-cache", rs256.token(), "bare (RS256 token)"),
                new Run("RS256, cache off", "rs256", rs256.token(), "bare (RS256 token)"),
                new Run("HS256, cache on, under a flood", "hs256", hs256.token(), "HS256, cache on", false, forged),
                // The flood's control: what more connections cost the same 16 when they are valid and no filter runs.
                new Run("bare, beside more valid callers", "bare", hs256.token(), "bare (HS256 token)", false,
                        hs256.token()),
                new Run("a filter that only wraps", "wrapped", hs256.token(), "bare (HS256 token)"),
                new Run("forged tokens alone (401s)", "hs256", forged, "HS256, cache on", true, null));
        // --only: the configurations whose names match, with the whole chain each is compared with (a flood's
        // "HS256, cache on" is itself compared with the bare servlet, so that comes too).
        Pattern only = Pattern.compile(options.getOrDefault("only", ".*"));
        Set<String> kept = new HashSet<>();
        all.stream().filter(run -> only.matcher(run.name()).find()).forEach(run -> kept.add(run.name()));
        for (int size = -1; size != kept.size(); ) {
            size = kept.size();
            all.stream().filter(run -> kept.contains(run.name()) && run.bare() != null)
                    .forEach(run -> kept.add(run.bare()));
        }
        List<Run> runs = all.stream().filter(run -> kept.contains(run.name())).toList();
        String connections = options.get("connections");
        String seconds = options.get("seconds");
        for (Run run : runs) {
            wrk(port, run, connections, options.get("warmup"), pinned, run.crowd(), options.get("flood-connections"));
        }
        Map<String, List<Measured>> results = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        runs.forEach(run -> results.put(run.name(), new ArrayList<>()));
        Map<String, Run> byName = new LinkedHashMap<>();
        runs.forEach(run -> byName.put(run.name(), run));
        List<Run> compared = runs.stream().filter(run -> run.bare() != null).toList();
        compared.forEach(run -> ratios.put(run.name(), new ArrayList<>()));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int rounds = Integer.parseInt(options.get("rounds"));
        for (int round = 1; round <= rounds; round++) {
            List<Run> order = new ArrayList<>(compared);
            Collections.shuffle(order, random);
            for (Run run : order) {
                // The pair back to back, in a random order: the machine's drift between rounds (several times
                // the differences measured) touches both sides of a ratio alike.
                List<Run> pair = new ArrayList<>(List.of(run, byName.get(run.bare())));
                Collections.shuffle(pair, random);
                Map<String, Measured> measured = new LinkedHashMap<>();
                for (Run side : pair) {
                    Measured one = wrk(port, side, connections, seconds, pinned, side.crowd(),
                            options.get("flood-connections"));
                    measured.put(side.name(), one);
                    results.get(side.name()).add(one);
                    System.out.printf("round %2d %-32s %10.0f requests/s %7.2f us of server CPU and %.3f context"
                            + " switches a request, busy %.2f%n", round, side.name(), one.requestsPerSecond(),
                            one.cpuMicrosPerRequest(), one.switchesPerRequest(), one.busy());
                }
                ratios.get(run.name()).add(measured.get(run.name()).requestsPerSecond()
                        / measured.get(run.bare()).requestsPerSecond());
            }
        }
        server.stop();

        StringBuilder table = new StringBuilder(String.format("%d rounds of %s s, %s connections; every configuration"
                + " measured back to back with the one it is compared with, the pairs and the order within each"
                + " shuffled every round (seed %d). Server CPU and context switches: this JVM's (all threads) per"
                + " request answered, the other connections' requests included where they ran; busy: that CPU time"
                + " over the run's wall time%n%n| configuration | median requests/s | compared with | ratio, median"
                + " of the pairs | lowest-highest | server CPU per request, median us | busy, median | context"
                + " switches per request, median |%n|---|---|---|---|---|---|---|---|%n", rounds, seconds, connections,
                seed));
        for (Run run : runs) {
            List<Measured> own = results.get(run.name());
            String serverSide = String.format("%.2f | %.2f | %.3f",
                    median(own.stream().map(Measured::cpuMicrosPerRequest).toList()),
                    median(own.stream().map(Measured::busy).toList()),
                    median(own.stream().map(Measured::switchesPerRequest).toList()));
            List<Double> sorted = new ArrayList<>(ratios.getOrDefault(run.name(), List.of()));
            sorted.sort(Double::compare);
            String ratio = sorted.isEmpty() ? " | | " : String.format("%s | %.2f | %.2f-%.2f", run.bare(),
                    median(sorted), sorted.get(0), sorted.get(sorted.size() - 1));
            table.append(String.format("| %s | %.0f | %s | %s |%n", run.name(),
                    median(own.stream().map(Measured::requestsPerSecond).toList()), ratio, serverSide));
        }
        System.out.println(table);
        Files.writeString(Path.of("target", "throughput.md"), table.toString(), StandardCharsets.UTF_8);
    }

    /** The CPUs this process may run on, as the kernel says ({@code Cpus_allowed_list}). */
    private static String allowedCpus() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("Cpus_allowed_list:")).map(line -> line.substring(18).trim())
                .findFirst().orElse("?");
    }

    private static ServletContextHandler context(String path, Map<String, String> filterParams) {
        ServletContextHandler context = new ServletContextHandler(path);
        context.addServlet(new ServletHolder("documents", DocumentsServlet.class), "/api/documents");
        // A default servlet of its own, so Jetty adds none after JwtGuard has guarded the servlets.
        context.addServlet(new ServletHolder("default", org.eclipse.jetty.ee10.servlet.DefaultServlet.class), "/");
        if (filterParams != null) {
            // No initializers run in a bare ServletContextHandler: JwtGuard's listener guards named dispatches.
            context.addEventListener(new JwtGuardContextListener());
            FilterHolder filter = new FilterHolder(JwtGuardFilter.class);
            filter.setName("JwtGuard");
            filter.setInitParameters(filterParams);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        return context;
    }

    /**
     * A filter that hands the chain the request wrapped and does nothing else: what Jetty charges for any filter
     * in front of the servlet and for a wrapped request, apart from what JwtGuard does.
     */
    private static ServletContextHandler passThrough(ServletContextHandler context) {
        FilterHolder filter = new FilterHolder((jakarta.servlet.Filter) (request, response, chain) -> chain.doFilter(
                new jakarta.servlet.http.HttpServletRequestWrapper((jakarta.servlet.http.HttpServletRequest) request),
                response));
        filter.setName("wrapper");
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        return context;
    }

    private static Map<String, String> filterParams(BenchSetup.Material material, boolean cache) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("jwtguard.issuer", BenchSetup.ISSUER);
        params.put("jwtguard.audience", BenchSetup.AUDIENCE);
        params.put("jwtguard.algorithms", material.algorithm());
        params.put("jwtguard.token.cache.size", cache ? "10000" : "0");
        if (material.pem() == null) {
            params.put("jwtguard.key", new String(BenchSetup.SECRET, StandardCharsets.US_ASCII));
        } else {
            params.put("jwtguard.key.location", "file:" + material.pem());
        }
        return params;
    }

    /** Valid requests of {@code run} for {@code seconds}; with {@code crowd}, that token on more connections too. */
    private static Measured wrk(int port, Run run, String connections, String seconds, boolean pinned, String crowd,
            String floodConnections) throws IOException, InterruptedException {
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String url = "http://127.0.0.1:" + port + "/" + run.context() + "/api/documents";
        Map<String, Long> switchesBefore = contextSwitches();
        long cpuBefore = system.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        // The crowd outlasts the measured run; the CPU time is taken once both ended, over both's requests.
        Process crowding = crowd == null ? null
                : command(pinned, "-c" + floodConnections, "-d" + (Integer.parseInt(seconds) + 2) + "s", crowd, url)
                        .redirectErrorStream(true).start();
        Process wrk = command(pinned, "-c" + connections, "-d" + seconds + "s", run.token(), url)
                .redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String crowdOutput = crowding == null ? ""
                : new String(crowding.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long cpu = system.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        long switches = 0;
        for (Map.Entry<String, Long> thread : contextSwitches().entrySet()) {
            switches += thread.getValue() - switchesBefore.getOrDefault(thread.getKey(), 0L);
        }
        if (!wrk.waitFor(Integer.parseInt(seconds) + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0
                || output.contains("Non-2xx") != run.refused()) {
            throw new IllegalStateException("wrk failed, or saw " + (run.refused() ? "no refusals" : "refusals")
                    + " for " + run.name() + ":\n" + output);
        }
        // A crowd sending the measured token must be answered as the measured callers are (the control), any
        // other token refused (the flood): else the figure is not of what its name says.
        boolean crowdRefused = crowd != null && !crowd.equals(run.token());
        if (crowding != null && (!crowding.waitFor(30, TimeUnit.SECONDS) || crowding.exitValue() != 0
                || crowdOutput.contains("Non-2xx") != crowdRefused)) {
            throw new IllegalStateException("the other connections' wrk failed, or saw "
                    + (crowdRefused ? "no refusals" : "refusals") + " for " + run.name() + ":\n" + crowdOutput);
        }
        Matcher matcher = REQUESTS_PER_SECOND.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        long answered = requests(output) + (crowding == null ? 0 : requests(crowdOutput));
        return new Measured(Double.parseDouble(matcher.group(1)), cpu / 1_000.0 / answered, (double) cpu / wall,
                (double) switches / answered);
    }

    /**
     * This JVM's context switches so far, voluntary and not, for each of its threads ({@code /proc}). A run's count is
     * taken thread by thread: a thread that ended during it drops out with what it did since the start (an
     * undercount, small since Jetty's pool keeps its threads through a run), instead of taking its whole past off
     * the sum.
     */
    private static Map<String, Long> contextSwitches() throws IOException {
        Map<String, Long> byThread = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    long sum = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    byThread.put(task.getFileName().toString(), sum);
                } catch (NoSuchFileException ended) {
                    // a thread that ended while being read
                }
            }
        }
        return byThread;
    }

    private static long requests(String wrkOutput) {
        Matcher matcher = REQUESTS.matcher(wrkOutput);
        if (!matcher.find()) {
            throw new IllegalStateException("no request count in wrk's output:\n" + wrkOutput);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static ProcessBuilder command(boolean pinned, String connections, String duration, String token,
            String url) {
        List<String> command = new ArrayList<>();
        if (pinned) {
            command.addAll(List.of("/usr/bin/taskset", "-c", "1"));
        }
        command.addAll(List.of("/usr/bin/wrk", "-t1", connections, duration, "-H", "Authorization: Bearer " + token,
                url));
        return new ProcessBuilder(command);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
