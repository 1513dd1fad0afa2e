package io.jwtguard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Ratios between JMH benchmarks that one run of each cannot give on a noisy machine: the benchmarks are run
 * in rounds, one fork each, in an order shuffled every round, so that the machine's drift (here larger than
 * the differences measured) touches both sides of a ratio alike; each ratio is taken within a round and
 * reported as its median with the lowest and highest. The first benchmark named is compared with each other
 * one; with {@code --floor NAME}, their costs above that benchmark are compared too (JwtGuard's cost above the
 * RSA verify against each peer's).
 * With {@code --base NAME}, each other one is compared with that one instead ({@code other / base}).
 * A benchmark may carry params of its own after an {@code @}, so that one benchmark's parameter values can be
 * compared with each other: {@code CacheHitBenchmark.cacheHit$@algorithm=ES256,tokens=1000}; {@code threads=N}
 * among them runs that one with N threads (JMH's {@code -t}), {@code warmup=N} warms that one up for N iterations
 * (a refusal's exception path settles later than the rest).
 * Each run measures {@code --measure} 1-second iterations, 5 by default. The 1-minute load average is printed with
 * every round, so a table says how busy the machine was around it.
 * Each run warms up for {@code --warmup} 1-second iterations, 10 by default: the whole filter path reaches its
 * steady state only after about 6 of them on this machine (java-jwt alone after about 4), so a shorter warm-up
 * measures the JIT compiler's work as the path's.
 * Usage: {@code Rounds [--rounds 8] [--warmup 10] [--measure 5] [--param name=value]... [--floor NAME] [--base NAME]
 * BENCHMARK...} (names as JMH matches them, e.g. {@code ValidationBenchmark.jwtGuardWholePath$}).
 */
public final class Rounds {

    private Rounds() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 8;
        int warmup = 10;
        int measure = 5;
        String floor = null;
        String base = null;
        Map<String, String> params = new LinkedHashMap<>();
        List<String> benchmarks = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--measure" -> measure = Integer.parseInt(args[++i]);
                    case "--floor" -> floor = args[++i];
                    case "--base" -> base = args[++i];
                    case "--param" -> {
                        String[] pair = args[++i].split("=", 2);
                        params.put(pair[0], pair[1]);
                    }
                    default -> benchmarks.add(args[i]);
                }
            }
        } catch (NumberFormatException e) {
            usage("--rounds and --warmup take a whole number: " + e.getMessage());
        } catch (ArrayIndexOutOfBoundsException e) {
            usage("an option is missing its value, or a --param its name=value");
        }
        if (rounds < 1 || warmup < 0 || measure < 1) {
            usage("--rounds and --measure must be at least 1 and --warmup at least 0");
        }
        if (benchmarks.size() < 2 || floor != null && !benchmarks.contains(floor)
                || base != null && !benchmarks.contains(base)) {
            usage("name at least two benchmarks, and --floor or --base among them");
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        benchmarks.forEach(name -> scores.put(name, new ArrayList<>()));
        List<String> loads = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            loads.add(load());
            System.out.printf("ROUND %d starts, load average %s%n", round, loads.get(loads.size() - 1));
            List<String> order = new ArrayList<>(benchmarks);
            Collections.shuffle(order, random);
            for (String name : order) {
                String[] spec = name.split("@", 2);
                ChainedOptionsBuilder options = new OptionsBuilder().include(spec[0]).forks(1)
                        .warmupIterations(warmup).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(measure).measurementTime(TimeValue.seconds(1))
                        .timeUnit(TimeUnit.NANOSECONDS).shouldFailOnError(true);
                params.forEach(options::param);
                if (spec.length == 2) {
                    for (String pair : spec[1].split(",")) {
                        String[] nameValue = pair.split("=", 2);
                        if (nameValue[0].equals("threads")) {
                            options.threads(Integer.parseInt(nameValue[1]));
                        } else if (nameValue[0].equals("warmup")) {
                            options.warmupIterations(Integer.parseInt(nameValue[1]));
                        } else {
                            options.param(nameValue[0], nameValue[1]);
                        }
                    }
                }
                RunResult result = new Runner(options.build()).runSingle();
                double score = result.getPrimaryResult().getScore();
                scores.get(name).add(score);
                System.out.printf("ROUND %d %s %.0f ns%n", round, name, score);
            }
        }
        loads.add(load());
        StringBuilder table = new StringBuilder(String.format("%d rounds, one fork of %d x 1 s warm-up and %d x 1 s"
                + " measured per benchmark per round, order shuffled every round (seed %d), params %s; 1-minute load"
                + " average at each round's start and at the end: %s%n%n"
                + "| benchmark | median ns | lowest-highest |%n|---|---|---|%n", rounds, warmup, measure, seed, params,
                String.join(", ", loads)));
        scores.forEach((name, own) -> table.append(String.format("| %s | %.0f | %.0f-%.0f |%n", name, median(own),
                Collections.min(own), Collections.max(own))));
        String first = benchmarks.get(0);
        table.append(String.format("%n| ratio, within each round | median | lowest-highest |%n|---|---|---|%n"));
        for (String other : benchmarks) {
            if (base != null && !other.equals(base)) {
                table.append(row(other + " / " + base, perRound(scores.get(other), scores.get(base), null)));
            } else if (base == null && !other.equals(first)) {
                table.append(row(first + " / " + other, perRound(scores.get(first), scores.get(other), null)));
                table.append(row(other + " / " + first, perRound(scores.get(other), scores.get(first), null)));
            }
        }
        if (floor != null) {
            List<Double> floorScores = scores.get(floor);
            table.append(String.format("%n| cost above %s, within each round | median ns | lowest-highest |%n"
                    + "|---|---|---|%n", floor));
            for (String name : benchmarks) {
                if (!name.equals(floor)) {
                    List<Double> above = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        above.add(scores.get(name).get(i) - floorScores.get(i));
                    }
                    table.append(String.format("| %s | %.0f | %.0f-%.0f |%n", name, median(above),
                            Collections.min(above), Collections.max(above)));
                }
            }
            if (!first.equals(floor)) {
                table.append(String.format("%n| %s's cost above the floor / each other's, within each round | median"
                        + " | lowest-highest |%n|---|---|---|%n", first));
                for (String other : benchmarks) {
                    if (!other.equals(first) && !other.equals(floor)) {
                        table.append(row(other, perRound(scores.get(first), scores.get(other), floorScores)));
                    }
                }
            }
        }
        System.out.println(table);
    }

    /** The 1-minute load average ({@code /proc/loadavg}), or "unknown" where there is none. */
    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void usage(String problem) {
        System.err.println("Rounds: " + problem);
        System.err.println("usage: Rounds [--rounds 8] [--warmup 10] [--measure 5] [--param name=value]... [--floor NAME]"
                + " [--base NAME] BENCHMARK[@name=value,...] BENCHMARK...");
        System.exit(2);
    }

    /** {@code a / b} per round; with {@code base}, {@code (a - base) / (b - base)}. */
    private static List<Double> perRound(List<Double> a, List<Double> b, List<Double> base) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            double floor = base == null ? 0 : base.get(i);
            ratios.add((a.get(i) - floor) / (b.get(i) - floor));
        }
        return ratios;
    }

    private static String row(String name, List<Double> values) {
        return String.format("| %s | %.3f | %.3f-%.3f |%n", name, median(values), Collections.min(values),
                Collections.max(values));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
