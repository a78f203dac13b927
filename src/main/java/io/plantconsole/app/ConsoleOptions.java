package io.plantconsole.app;

import io.plantconsole.sim.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Command-line options.
 *
 * @param selfTestDir  {@code --self-test DIR}: run the demo, save screenshots and a health report, exit
 * @param siteConfig   {@code --site-config FILE}: connect to a real plant instead of the demo
 * @param simRateHz    {@code --sim-rate HZ}: demo samples per second per channel (0 = catalogue rates, 10 Hz)
 * @param faults       {@code --fault CHANNEL:KIND[:SECONDS]}: demo faults injected at start
 * @param command      what to do: run the console, or one command-line task and exit
 * @param adminName    {@code --create-admin USER}: the first Admin's user name
 * @param displayName  {@code --name "Full Name"}: the first Admin's shown name
 * @param ownerLogin   {@code --migrate-central OWNER}: the central schema owner's login that migrates
 * @param ownerPasswordFile {@code --owner-password-file FILE}: that login's password, else asked on the console
 */
public record ConsoleOptions(Optional<Path> selfTestDir, Optional<Path> siteConfig, double simRateHz,
                             List<Fault> faults, Command command, String adminName, String displayName,
                             String ownerLogin, Optional<Path> ownerPasswordFile) {

    /** Run the console, or a command-line task that needs no window. */
    public enum Command { RUN, CREATE_ADMIN, VERIFY_AUDIT, MIGRATE_CENTRAL }

    /** A simulator fault to inject into one demo channel. */
    public record Fault(String channelId, FaultKind kind, Duration duration) {
    }

    public ConsoleOptions {
        faults = List.copyOf(faults);
    }

    public static final String USAGE = """
            Usage: plant-console [--site-config FILE] [--sim-rate HZ | --stress] [--self-test DIR]
              (no option)          demo plant: embedded broker and simulator, nothing to set up
              --site-config FILE   connect to the plant broker named in FILE (see README "Run against a real plant")
              --sim-rate HZ        demo: samples per second per channel (default 10)
              --stress             demo: 1 kHz per channel
              --fault CHANNEL:KIND[:SECONDS]
                                   demo: inject a fault (SPIKE, DRIFT, FLAT_LINE, STALE, DROPOUT, BEARING_FAULT;
                                   default 600 s), for example --fault grinder1.vibration:BEARING_FAULT
              --self-test DIR      start the demo, wait for live trends, save screenshots and DIR/self-test.json, exit
              --create-admin USER [--name "Full Name"]
                                   site set-up: create the first Admin with a one-time password (printed once), exit
              --verify-audit       check this console's audit chain locally and against the centre's copy (the
                                   site config's central database; in the demo, the demo's own): exit 0 when
                                   intact and anchored, 1 when broken, rewritten, restarted or refused
              --migrate-central OWNER [--owner-password-file FILE]
                                   site set-up, for the DBA: migrate the central schema of --site-config as the
                                   schema owner OWNER (password asked on the console, or read from FILE; never
                                   stored), print the schema version, exit; the console's own login never migrates
            """;

    public boolean isDemo() {
        return siteConfig.isEmpty();
    }

    public static ConsoleOptions parse(String... args) {
        Path selfTest = null;
        Path site = null;
        double rate = 0;
        List<Fault> faults = new ArrayList<>();
        Command command = Command.RUN;
        String admin = null;
        String name = null;
        String owner = null;
        Path ownerPasswordFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--self-test" -> selfTest = Path.of(value(args, ++i, a));
                case "--site-config" -> site = Path.of(value(args, ++i, a));
                case "--sim-rate" -> rate = rate(value(args, ++i, a));
                case "--stress" -> rate = 1000;
                case "--fault" -> faults.add(fault(value(args, ++i, a)));
                case "--create-admin" -> {
                    command = Command.CREATE_ADMIN;
                    admin = value(args, ++i, a);
                }
                case "--name" -> name = value(args, ++i, a);
                case "--verify-audit" -> command = Command.VERIFY_AUDIT;
                case "--migrate-central" -> {
                    command = Command.MIGRATE_CENTRAL;
                    owner = value(args, ++i, a);
                }
                case "--owner-password-file" -> ownerPasswordFile = Path.of(value(args, ++i, a));
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
        if (site != null && !faults.isEmpty()) {
            throw new IllegalArgumentException("--fault acts on the demo plant; it cannot be combined with --site-config");
        }
        if (command != Command.RUN && selfTest != null) {
            throw new IllegalArgumentException(a(command) + " cannot be combined with --self-test");
        }
        if (name != null && command != Command.CREATE_ADMIN) {
            throw new IllegalArgumentException("--name goes with --create-admin");
        }
        if (ownerPasswordFile != null && command != Command.MIGRATE_CENTRAL) {
            throw new IllegalArgumentException("--owner-password-file goes with --migrate-central");
        }
        if (command == Command.MIGRATE_CENTRAL && site == null) {
            throw new IllegalArgumentException("--migrate-central needs --site-config FILE (its central section names"
                    + " the database and its TLS settings)");
        }
        return new ConsoleOptions(Optional.ofNullable(selfTest), Optional.ofNullable(site), rate, faults, command,
                admin, name, owner, Optional.ofNullable(ownerPasswordFile));
    }

    private static String a(Command c) {
        return switch (c) {
            case CREATE_ADMIN -> "--create-admin";
            case VERIFY_AUDIT -> "--verify-audit";
            case MIGRATE_CENTRAL -> "--migrate-central";
            case RUN -> "";
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static Fault fault(String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
            throw new IllegalArgumentException("--fault wants CHANNEL:KIND[:SECONDS], not '" + spec + "'");
        }
        FaultKind kind;
        try {
            kind = FaultKind.valueOf(parts[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown fault kind '" + parts[1] + "'; one of "
                    + List.of(FaultKind.values()), e);
        }
        long seconds = 600;
        if (parts.length == 3) {
            try {
                seconds = Long.parseLong(parts[2]);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds <= 0) {
                throw new IllegalArgumentException("--fault duration must be a positive number of seconds, not '"
                        + parts[2] + "'");
            }
        }
        return new Fault(parts[0], kind, Duration.ofSeconds(seconds));
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
