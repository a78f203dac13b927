package io.plantconsole.app;

import io.plantconsole.app.shell.FrameRateMeter;
import io.plantconsole.app.shell.MainWindow;
import io.plantconsole.infra.postgres.DemoCentral;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.telemetry.view.TrendsController;
import io.plantconsole.telemetry.view.TrendsViewModel;
import io.plantconsole.ui.ScreenSpec;
import io.plantconsole.audit.model.AnchorVerification;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.auth.view.SignInController;
import io.plantconsole.auth.view.SignInViewModel;
import io.plantconsole.infra.json.JsonFiles;
import io.plantconsole.ui.PngExport;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.service.ChannelStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --self-test DIR}: with the demo running, waits until live data reaches the trends, saves a PNG of each main
 * screen, measures the frame rate on the trends, writes {@code DIR/self-test.json}, prints a summary and exits 0 only
 * when healthy. Runs on its own thread ({@code self-test}) and hops to the FX thread for navigation and snapshots.
 */
final class SelfTest {
    static final int EXIT_HEALTHY = 0;
    static final int EXIT_UNHEALTHY = 1;
    private static final Logger LOG = LoggerFactory.getLogger(SelfTest.class);
    private static final long LIVE_TIMEOUT_SECONDS = 90;
    private static final double MIN_LIVE_SHARE = 0.9;
    private static final double MIN_FPS = 10;
    private static final String TREND_AREA = "Roasting";
    private static final long SYNC_TIMEOUT_SECONDS = 60;

    private final AppContext context;
    private final MainWindow window;
    private final Scene scene;
    private final Path dir;

    /** The longest a whole self-test may take before it is ended as unhealthy. */
    static final java.time.Duration WATCHDOG = java.time.Duration.ofMinutes(8);
    /** How long the FX thread gets to exit once the verdict is in. */
    static final java.time.Duration EXIT_GRACE = java.time.Duration.ofSeconds(20);

    SelfTest(AppContext context, MainWindow window, Scene scene, Path dir) {
        this.context = context;
        this.window = window;
        this.scene = scene;
        this.dir = dir;
    }

    void start() {
        Thread t = new Thread(this::run, "self-test");
        t.setDaemon(true);
        t.start();
        watchdog(WATCHDOG, "the self-test did not finish within " + WATCHDOG.toMinutes() + " min (a hung FX thread?)",
                EXIT_UNHEALTHY);
    }

    private void run() {
        int exit = EXIT_UNHEALTHY;
        try {
            exit = check();
        } catch (Exception e) {
            LOG.error("Self-test failed", e);
        } finally {
            int code = exit;
            // The normal way out is through the FX thread (windows close cleanly); if it is hung, leave anyway.
            watchdog(EXIT_GRACE, "the FX thread did not exit within " + EXIT_GRACE.toSeconds() + " s", code);
            Platform.runLater(() -> {
                Platform.exit();
                System.exit(code);
            });
        }
    }

    /** Ends the JVM with {@code code} after {@code after}, whatever the other threads do. */
    private static void watchdog(java.time.Duration after, String why, int code) {
        Thread w = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            LOG.error("Self-test watchdog: {}; exiting with {}", why, code);
            System.err.println("Self-test watchdog: " + why);
            Runtime.getRuntime().halt(code);
        }, "self-test-watchdog");
        w.setDaemon(true);
        w.start();
    }

    /**
     * Signs in through the gate as the demo Admin with the one-time password of this start, and replaces it as the
     * gate demands; saves a PNG of the gate first.
     */
    private List<String> signIn(List<String> screenshots) throws Exception {
        List<String> problems = new ArrayList<>();
        SignInController gate = window.signInGate().orElse(null);
        if (gate == null) {
            problems.add("no sign-in gate");
            return problems;
        }
        Thread.sleep(500);
        Path png = dir.resolve("screen-sign-in.png");
        fx(() -> {
            PngExport.write(scene.snapshot(null), png);
            return null;
        });
        screenshots.add(png.getFileName().toString());
        UserAdminService.Issued admin = context.demoUsers().stream()
                .filter(i -> i.account().role() == Role.ADMIN).findFirst().orElse(null);
        if (admin == null) {
            problems.add("no demo Admin was made at this start (the data folder had accounts)");
            return problems;
        }
        String otp = new String(admin.oneTimePassword());
        fx(() -> {
            gate.signInForTest(admin.account().username(), otp);
            return null;
        });
        if (!waitFor(() -> fx(() -> gate.model().modeProperty().get()) == SignInViewModel.Mode.CHANGE_PASSWORD,
                30)) {
            problems.add("the one-time password did not lead to the password change: "
                    + fx(() -> gate.model().messageProperty().get()));
            return problems;
        }
        char[] chosen = ("self-test " + java.util.UUID.randomUUID()).toCharArray();
        fx(() -> {
            gate.model().changePassword(otp.toCharArray(), chosen.clone(), chosen.clone());
            return null;
        });
        if (!waitFor(() -> fx(() -> gate.model().modeProperty().get()) == SignInViewModel.Mode.OPEN, 30)) {
            problems.add("setting the password did not open the console: "
                    + fx(() -> gate.model().messageProperty().get()));
        }
        return problems;
    }

    private int check() throws Exception {
        Files.createDirectories(dir);
        List<String> screenshots = new ArrayList<>();
        List<String> signInProblems = signIn(screenshots);
        long started = System.nanoTime();
        fx(this::showTrends);
        boolean live = waitFor(() -> liveChannels() >= MIN_LIVE_SHARE * context.telemetry().catalogue().size()
                && fx(() -> trends().showsLiveData(TrendsViewModel.LIVE_DATA_MIN_POINTS)));
        double secondsToLive = (System.nanoTime() - started) / 1e9;
        Thread.sleep(settleSeconds() * 1000);
        SyncCheck sync = checkSync();
        String centralChain = "not checked (sync " + sync.state() + ")";
        String centralProblem = null;
        if ("CONNECTED".equals(sync.state()) && sync.pending() == 0) {
            // the centre's copy must be a prefix of the local chain, hash for hash (ADR 0018); with nothing pending
            // it is the whole chain
            java.util.Optional<AnchorVerification> anchor = context.audit().audit().orElseThrow().checkAnchor();
            if (anchor.isPresent()) {
                centralChain = String.join(" ", anchor.get().lines());
                if (!anchor.get().anchored()) {
                    centralProblem = "the local audit chain is not anchored at the centre: " + anchor.get().summary();
                } else if (!anchor.get().central().intact()
                        || !anchor.get().central().headHash().equals(anchor.get().local().headHash())) {
                    centralProblem = "the central audit chain does not end in the local chain's head: "
                            + centralChain;
                }
            }
        }

        FrameRateMeter meter = new FrameRateMeter();
        fx(() -> {
            meter.start();
            return null;
        });
        Thread.sleep(3_000);
        double fps = meter.framesPerSecond(2.5, System.nanoTime());
        fx(() -> {
            meter.stop();
            return null;
        });

        for (ScreenSpec s : window.screens()) {
            fx(() -> s.id().equals(TelemetryFeature.TRENDS) ? showTrends() : navigate(s.id()));
            Thread.sleep(1_500); // a few pulses: tiles and tables fill
            Path png = dir.resolve("screen-" + s.id().toLowerCase(Locale.ROOT) + ".png");
            fx(() -> {
                PngExport.write(scene.snapshot(null), png);
                return null;
            });
            screenshots.add(png.getFileName().toString());
        }
        fx(this::showTrends);

        Map<BadCause, Long> bad = context.telemetry().hub().diagnostics().snapshot();
        long badTotal = context.telemetry().hub().diagnostics().bad();
        int liveCount = liveChannels();
        ConnectionState state = context.telemetry().source().state();
        List<String> problems = new ArrayList<>(signInProblems);
        ChainVerification chain = context.audit().audit().orElseThrow().checkLocal();
        if (!chain.intact()) {
            problems.add(chain.summary());
        }
        if (!live) {
            problems.add("live data did not reach the trends within " + LIVE_TIMEOUT_SECONDS + " s");
        }
        if (state != ConnectionState.CONNECTED) {
            problems.add("broker connection is " + state + " " + context.telemetry().source().lastError());
        }
        if (badTotal > 0) {
            problems.add(badTotal + " bad payloads from the demo plant");
        }
        long dropped = bad.getOrDefault(BadCause.QUEUE_FULL, 0L);
        if (dropped > 0) {
            problems.add(dropped + " messages dropped for a full ingest queue at demo rates");
        }
        if (sync.problem() != null) {
            problems.add(sync.problem());
        }
        if (centralProblem != null) {
            problems.add(centralProblem);
        }
        if (fps < MIN_FPS) {
            problems.add(String.format(Locale.ROOT, "%.1f frames/s on the trends (minimum %.0f)", fps, MIN_FPS));
        }
        boolean healthy = problems.isEmpty();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("healthy", healthy);
        report.put("problems", problems);
        report.put("signed_in", signInProblems.isEmpty());
        report.put("audit_chain_local", chain.summary());
        report.put("audit_chain_central", centralChain);
        report.put("channels", context.telemetry().catalogue().size());
        report.put("channels_live", liveCount);
        report.put("seconds_to_live_trends", round(secondsToLive));
        report.put("messages_received", context.telemetry().pipeline().messagesReceived());
        report.put("samples_accepted", context.telemetry().hub().acceptedSamples());
        report.put("dropped", bad.get(BadCause.QUEUE_FULL));
        Map<String, Long> byCause = new LinkedHashMap<>();
        bad.forEach((cause, n) -> {
            if (cause != BadCause.QUEUE_FULL) {
                byCause.put(cause.name(), n);
            }
        });
        report.put("bad_payloads_by_cause", byCause);
        report.put("frames_per_second", round(fps));
        report.put("broker", state.name());
        report.put("sync", sync.state());
        report.put("sync_pending", sync.pending());
        report.put("sync_last_error", sync.lastError());
        report.put("sync_seconds_to_connected", sync.secondsToConnected());
        report.put("demo_central_startup_seconds", sync.centralStartupSeconds());
        report.put("screenshots", screenshots);
        JsonFiles.write(dir.resolve("self-test.json"), report);

        String summary = String.format(Locale.ROOT,
                "Self-test %s: %d/%d channels live, %d messages, %d bad, %d dropped, %.1f frames/s, live after %.1f s;"
                        + " sync %s (%d pending%s); screenshots and self-test.json in %s%s",
                healthy ? "HEALTHY" : "UNHEALTHY", liveCount, context.telemetry().catalogue().size(),
                context.telemetry().pipeline().messagesReceived(), badTotal, bad.get(BadCause.QUEUE_FULL), fps, secondsToLive,
                sync.state(), sync.pending(), sync.lastError().isEmpty() ? "" : ", last error: " + sync.lastError(),
                dir.toAbsolutePath(), healthy ? "" : "\n  problems: " + String.join("; ", problems));
        System.out.println(summary);
        return healthy ? EXIT_HEALTHY : EXIT_UNHEALTHY;
    }

    /**
     * What the self-test found of the sync worker.
     *
     * @param state                 {@code CONNECTED}, {@code OFFLINE}, {@code ERROR}, {@code not configured} or
     *                              {@code unavailable: root}
     * @param problem               why the console is unhealthy; null when it is not
     * @param secondsToConnected    from the start of the wait until CONNECTED; -1 when it never was
     * @param centralStartupSeconds how long the demo central database took to start; -1 outside demo mode
     */
    record SyncCheck(String state, long pending, String lastError, String problem, double secondsToConnected,
            double centralStartupSeconds) {
    }

    /**
     * In demo mode the sync worker must reach CONNECTED against the embedded central database within
     * {@value #SYNC_TIMEOUT_SECONDS} s. As root PostgreSQL refuses to start: sync is reported as
     * {@code unavailable: root} and is not a failure (the telemetry health still counts). With a site config the
     * state is reported only: the centre is not ours to judge.
     */
    private SyncCheck checkSync() throws InterruptedException {
        if (context.sync().engine().isEmpty()) {
            return new SyncCheck("not configured", 0, "", null, -1, -1);
        }
        SyncEngine engine = context.sync().engine().get();
        Optional<DemoCentral.State> demo = context.demoCentralState();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(SYNC_TIMEOUT_SECONDS);
        boolean connected = false;
        while (demo.isPresent() && System.nanoTime() < deadline) {
            DemoCentral.State d = context.demoCentralState().orElseThrow();
            SyncStatus s = engine.status();
            if (d.phase() == DemoCentral.Phase.UNAVAILABLE) {
                break;
            }
            if (d.phase() == DemoCentral.Phase.RUNNING && s.state() == SyncStatus.State.CONNECTED
                    && s.pendingCount() == 0) {
                connected = true;
                break;
            }
            Thread.sleep(250);
        }
        double waited = connected ? round((System.nanoTime() - started) / 1e9) : -1;
        SyncStatus s = engine.status();
        String lastError = s.lastError() == null ? "" : s.lastError();
        if (demo.isEmpty()) {
            return new SyncCheck(s.state().name(), s.pendingCount(), lastError, null, -1, -1);
        }
        DemoCentral.State d = context.demoCentralState().orElseThrow();
        double startup = round(d.startupTime().toMillis() / 1000.0);
        if (d.rootRefused()) {
            LOG.warn("Self-test: sync unavailable as root ({}); not counted as a failure", d.message());
            return new SyncCheck("unavailable: root", s.pendingCount(), d.message(), null, -1, -1);
        }
        String problem = connected ? null : "demo sync is " + s.state() + " after " + SYNC_TIMEOUT_SECONDS + " s"
                + (d.phase() == DemoCentral.Phase.UNAVAILABLE ? ": " + d.message()
                : lastError.isEmpty() ? "" : ": " + lastError) + " (" + s.pendingCount() + " pending)";
        return new SyncCheck(s.state().name(), s.pendingCount(), lastError, problem, waited, startup);
    }

    /** Extra seconds of history before the screenshots (README pictures): {@code PLANTCONSOLE_SELFTEST_SETTLE}. */
    private static long settleSeconds() {
        String v = System.getenv("PLANTCONSOLE_SELFTEST_SETTLE");
        try {
            return v == null ? 0 : Math.max(0, Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring PLANTCONSOLE_SELFTEST_SETTLE='{}': not a number of seconds", v);
            return 0;
        }
    }

    /** Trends with the roasters' pens, the fastest dynamics of the demo plant. FX thread. */
    private Void showTrends() {
        if (context.telemetry().catalogue().areas().contains(TREND_AREA)) {
            trends().showArea(TREND_AREA);
        }
        window.navigate(TelemetryFeature.TRENDS);
        return null;
    }

    private TrendsController trends() {
        return window.requireController(TelemetryFeature.TRENDS, TrendsController.class);
    }

    private Void navigate(String screenId) {
        window.navigate(screenId);
        return null;
    }

    private int liveChannels() {
        int n = 0;
        for (ChannelStatus s : context.telemetry().hub().statuses()) {
            if (s.isLive()) {
                n++;
            }
        }
        return n;
    }

    private static boolean waitFor(Supplier<Boolean> condition) throws InterruptedException {
        return waitFor(condition, LIVE_TIMEOUT_SECONDS);
    }

    private static boolean waitFor(Supplier<Boolean> condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Runs on the FX thread and waits for the result. */
    private static <T> T fx(FxCall<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX call failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface FxCall<T> {
        T call() throws Exception;
    }
}
