package io.plantconsole.app;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Command-line options.
 *
 * @param selfTestDir  {@code --self-test DIR}: run the demo, save screenshots and a health report, exit
 * @param siteConfig   {@code --site-config FILE}: connect to a real plant instead of the demo
 * @param simRateHz    {@code --sim-rate HZ}: demo samples per second per channel (0 = catalogue rates, 10 Hz)
 */
public record ConsoleOptions(Optional<Path> selfTestDir, Optional<Path> siteConfig, double simRateHz) {

    public static final String USAGE = """
            Usage: plant-console [--site-config FILE] [--sim-rate HZ | --stress] [--self-test DIR]
              (no option)          demo plant: embedded broker and simulator, nothing to set up
              --site-config FILE   connect to the plant broker named in FILE (see README "Run against a real plant")
              --sim-rate HZ        demo: samples per second per channel (default 10)
              --stress             demo: 1 kHz per channel
              --self-test DIR      start the demo, wait for live trends, save screenshots and DIR/self-test.json, exit
            """;

    public boolean isDemo() {
        return siteConfig.isEmpty();
    }

    public static ConsoleOptions parse(String... args) {
        Path selfTest = null;
        Path site = null;
        double rate = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--self-test" -> selfTest = Path.of(value(args, ++i, a));
                case "--site-config" -> site = Path.of(value(args, ++i, a));
                case "--sim-rate" -> rate = rate(value(args, ++i, a));
                case "--stress" -> rate = 1000;
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (!a.isBlank()) {
                        throw new IllegalArgumentException("Unknown option '" + a + "'\n" + USAGE);
                    }
                }
            }
        }
        if (selfTest != null && site != null) {
            throw new IllegalArgumentException("--self-test runs the demo plant; it cannot be combined with --site-config");
        }
        return new ConsoleOptions(Optional.ofNullable(selfTest), Optional.ofNullable(site), rate);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static double rate(String s) {
        try {
            double r = Double.parseDouble(s);
            if (r > 0 && r <= 10_000) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--sim-rate must be a number of samples per second in (0, 10000], not '"
                + s + "'");
    }
}
