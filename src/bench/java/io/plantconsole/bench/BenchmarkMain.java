package io.plantconsole.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the benchmarks of issue 2 ({@code ingest}, {@code latency}, {@code chart}), or those named in
 * {@code -Dbench=ingest,latency,chart}, merges their results into {@code <outDir>/results.json} and prints a
 * table. Exits non-zero only when a benchmark failed with an error; missed targets are reported in the notes.
 *
 * <p>Run: {@code xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -o -Pbench verify}. Sizes are system properties
 * ({@code bench.ingest.*}, {@code bench.latency.*}, {@code bench.chart.*}; see each benchmark class).
 */
public final class BenchmarkMain {
    private static final List<String> ALL = List.of("ingest", "latency", "chart", "sync");
    private static String machineTag = "";

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            rc = 2;
        }
        Fx.exit();
        System.exit(rc);
    }

    static int run(String[] args) throws IOException {
        importMavenProperties();
        Path outDir = Path.of(args.length > 0 ? args[0] : "target/bench");
        List<String> selected = Props.list("bench", String.join(",", ALL));
        for (String s : selected) {
            if (!ALL.contains(s)) {
                System.err.println("Unknown benchmark '" + s + "'; known: " + ALL);
                return 2;
            }
        }
        Files.createDirectories(outDir);
        Path file = outDir.resolve("results.json");
        printMachine();
        Map<String, Callable<List<BenchResult>>> benches = new LinkedHashMap<>();
        benches.put("ingest", () -> new IngestBenchmark().run());
        benches.put("latency", () -> new LatencyBenchmark().run());
        benches.put("chart", () -> new ChartBenchmark().run());
        benches.put("sync", () -> new SyncBenchmark().run());
        List<BenchResult> all = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Callable<List<BenchResult>>> b : benches.entrySet()) {
            if (!selected.contains(b.getKey())) {
                continue;
            }
            long t0 = System.nanoTime();
            System.out.println();
            System.out.println("=== " + b.getKey() + " ===");
            try {
                List<BenchResult> results = b.getValue().call();
                all.addAll(results);
                ResultsFile.merge(file, results);
                System.out.printf(Locale.ROOT, "=== %s done in %.1f s ===%n", b.getKey(), (System.nanoTime() - t0) / 1e9);
            } catch (Throwable e) {
                failed.add(b.getKey());
                System.err.println("Benchmark '" + b.getKey() + "' FAILED:");
                e.printStackTrace();
            }
        }
        System.out.println();
        System.out.println("Machine: " + machineTag);
        System.out.print(ResultsFile.table(all));
        System.out.println("Results merged into " + file.toAbsolutePath());
        if (!failed.isEmpty()) {
            System.err.println("Failed benchmarks: " + failed);
            return 1;
        }
        return 0;
    }

    /**
     * exec:exec forks {@code java} without the {@code -D} options given to Maven: take {@code -Dbench...} from
     * {@code MAVEN_CMD_LINE_ARGS} (exported by the {@code mvn} script) unless already set on this JVM.
     */
    private static void importMavenProperties() {
        String line = System.getenv("MAVEN_CMD_LINE_ARGS");
        if (line == null) {
            return;
        }
        for (String token : line.trim().split("\\s+")) {
            if (token.startsWith("-Dbench") && token.contains("=")) {
                String key = token.substring(2, token.indexOf('='));
                String value = token.substring(token.indexOf('=') + 1);
                if (System.getProperty(key) == null) {
                    System.setProperty(key, value);
                }
            }
        }
    }

    /** Deletes a temporary folder of a benchmark (broker persistence and logs), best effort. */
    static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.out.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** A short description of the machine and JVM, for the notes. */
    static String machineTag() {
        return machineTag;
    }

    private static void printMachine() {
        String host = System.getenv("HOSTNAME");
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // keep the environment's name
        }
        String cpu = firstMatch(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstMatch(Path.of("/proc/meminfo"), "MemTotal");
        Runtime rt = Runtime.getRuntime();
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + ")";
        machineTag = String.format(Locale.ROOT, "host %s, %d CPUs (%s), %s JDK %s, -Xmx %d MiB", host,
                rt.availableProcessors(), cpu, System.getProperty("os.arch"), System.getProperty("java.version"),
                rt.maxMemory() >> 20);
        System.out.println("Plant Console benchmarks (issue 2)");
        System.out.println("  host:      " + host);
        System.out.println("  os:        " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"));
        System.out.println("  cpu:       " + rt.availableProcessors() + " x " + cpu);
        System.out.println("  memory:    " + mem);
        System.out.println("  jvm:       " + jvm + ", max heap " + (rt.maxMemory() >> 20) + " MiB, args "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("  display:   " + System.getenv("DISPLAY") + ", prism.order=" + System.getProperty("prism.order"));
        System.out.println("  load avg:  " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("  benches:   " + Props.list("bench", String.join(",", ALL)));
    }

    private static String firstMatch(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }
}
