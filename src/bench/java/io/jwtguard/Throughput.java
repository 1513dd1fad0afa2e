package io.jwtguard;

import io.jwtguard.demo.DocumentsServlet;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * End-to-end throughput: the demo's documents servlet on embedded Jetty 12, bare and behind JwtGuard
 * (HS256 with the default settings, so the verified-token cache on, and without it; RS256 with the
 * cache off and on), driven on loopback by wrk (Debian's package),
 * configurations interleaved over several rounds; medians, and each as a ratio to the bare servlet.
 * Usage: {@code Throughput [--rounds 5] [--seconds 5] [--connections 16]}.
 */
public final class Throughput {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("rounds", "5", "seconds", "5", "connections", "16"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            System.err.println("Throughput needs wrk: apt-get install wrk");
            System.exit(2);
        }
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
        server.setHandler(contexts);
        server.start();
        int port = connector.getLocalPort();

        Map<String, String> tokens = Map.of("bare", hs256.token(), "hs256", hs256.token(), "hs256-nocache",
                hs256.token(), "rs256", rs256.token(), "rs256-cache", rs256.token());
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (String name : List.of("bare", "hs256", "hs256-nocache", "rs256", "rs256-cache")) {
            results.put(name, new ArrayList<>());
            wrk(port, name, tokens.get(name), options.get("connections"), "2");
        }
        int rounds = Integer.parseInt(options.get("rounds"));
        for (int round = 1; round <= rounds; round++) {
            for (String name : results.keySet()) {
                double rps = wrk(port, name, tokens.get(name), options.get("connections"), options.get("seconds"));
                results.get(name).add(rps);
                System.out.printf("round %d %-12s %10.0f requests/s%n", round, name, rps);
            }
        }
        server.stop();

        double bare = median(results.get("bare"));
        StringBuilder table = new StringBuilder("| configuration | median requests/s | ratio to bare |\n|---|---|---|\n");
        for (Map.Entry<String, List<Double>> entry : results.entrySet()) {
            double median = median(entry.getValue());
            table.append(String.format("| %s | %.0f | %.2f |%n", entry.getKey(), median, median / bare));
        }
        System.out.println(table);
        Files.writeString(Path.of("target", "throughput.md"), table.toString(), StandardCharsets.UTF_8);
    }

    private static ServletContextHandler context(String path, Map<String, String> filterParams) {
        ServletContextHandler context = new ServletContextHandler(path);
        context.addServlet(new ServletHolder("documents", DocumentsServlet.class), "/api/documents");
        if (filterParams != null) {
            FilterHolder filter = new FilterHolder(JwtGuardFilter.class);
            filter.setName("JwtGuard");
            filter.setInitParameters(filterParams);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        }
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

    private static double wrk(int port, String context, String token, String connections, String seconds)
            throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("/usr/bin/wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "-H", "Authorization: Bearer " + token, "http://127.0.0.1:" + port + "/" + context + "/api/documents")
                .redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(Integer.parseInt(seconds) + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0
                || output.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed or saw refusals for " + context + ":\n" + output);
        }
        Matcher matcher = REQUESTS_PER_SECOND.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
