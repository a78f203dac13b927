package io.plantconsole.bench;

import io.plantconsole.app.shell.MainWindow;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.trend.TrendChartModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Issue 2, benchmark 3: frames per second actually rendered by the console's own trend chart (the
 * {@code TrendChart} control of the Trends screen, fed from a {@link TelemetryHub} at 25 Hz, see
 * {@link TrendChartUnderTest}), measured against the 25 Hz update rate, and, as context, by a naive JavaFX
 * {@code LineChart} holding every point, for 8 channels × 100 k
 * points and 1 channel × 1 M points in a sliding 10-minute window (the trends view's default), each run on a fresh
 * 1280×800 stage under Xvfb with the software pipeline.
 */
final class ChartBenchmark {
    /** One chart configuration: {@code channels} series of {@code points} points each in the window. */
    private record Config(String key, int channels, int points) {
    }

    /** One measured run. */
    private record Run(double fps, long frames, double seconds, double pulsesPerSecond, double updatesPerSecond,
                       double meanUpdateMillis, double firstFrameSeconds, double setupSeconds, boolean capped,
                       String describe, String frameMode, double plotWidth) {
    }

    /** Updates per second the trends get ({@code FxPulse.TRENDS_HZ}); the console's frame rate is measured against it. */
    private static final double UPDATE_HZ = io.plantconsole.ui.FxPulse.TRENDS_HZ;

    private final int stages = Props.integer("bench.chart.stages", 1);
    private final int reps = Props.integer("bench.chart.reps", 3);
    private final int lineReps = Props.integer("bench.chart.lineReps", reps);
    private final double warmupSeconds = Props.decimal("bench.chart.warmupSeconds", 2);
    private final double measureSeconds = Props.decimal("bench.chart.measureSeconds", 5);
    private final double capSeconds = Props.decimal("bench.chart.capSeconds", 12);
    private final double firstFrameSeconds = Props.decimal("bench.chart.firstFrameSeconds", 30);
    private final double scale = Props.decimal("bench.chart.scale", 1.0);
    private final int windowSeconds = Props.integer("bench.chart.windowSeconds", 600);
    private final int width = Props.integer("bench.chart.width", 1280);
    private final int height = Props.integer("bench.chart.height", 800);
    private final List<String> configs = Props.list("bench.chart.configs", "8x100k,1x1m");

    List<BenchResult> run() throws Exception {
        if (!Fx.start()) {
            throw new IllegalStateException("JavaFX cannot start (run under xvfb-run): " + Fx.failure(), Fx.failure());
        }
        System.out.printf(Locale.ROOT, "[chart] JavaFX %s, prism pipeline %s, prism.order=%s, stage %dx%d%n",
                System.getProperty("javafx.runtime.version"), Fx.pipeline(), System.getProperty("prism.order"),
                width, height);
        List<BenchResult> results = new ArrayList<>();
        for (String key : configs) {
            Config c = parse(key);
            List<Run> console = new ArrayList<>();
            List<Run> line = new ArrayList<>();
            for (int st = 0; st < stages; st++) {
                if (reps > 0) {
                    print(c, "console", console.size(), measureConsole(c), console);
                }
                if (lineReps > 0) {
                    print(c, "linechart", line.size(), measureLineChart(c), line);
                }
            }
            results.addAll(results(c, console, line));
        }
        return results;
    }

    private static void print(Config c, String what, int offset, List<Run> runs, List<Run> into) {
        for (int i = 0; i < runs.size(); i++) {
            print(c, what, offset + i, runs.get(i));
        }
        into.addAll(runs);
    }

    private static void print(Config c, String what, int r, Run run) {
        System.out.printf(Locale.ROOT, "[chart] %s %-9s rep %d: %7.2f fps (%d frames in %.2f s%s), pulses %.1f/s, "
                        + "updates %.1f/s at %.2f ms, first frame %.2f s, setup %.2f s; %s%n", c.key(), what, r + 1,
                run.fps(), run.frames(), run.seconds(), run.capped() ? ", CAPPED" : "", run.pulsesPerSecond(),
                run.updatesPerSecond(), run.meanUpdateMillis(), run.firstFrameSeconds(), run.setupSeconds(),
                run.describe());
    }

    private Config parse(String key) {
        String[] parts = key.split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("chart config must look like 8x100k: " + key);
        }
        return new Config(key, Props.count(parts[0]), (int) Math.round(Props.count(parts[1]) * scale));
    }

    private List<BenchResult> results(Config c, List<Run> console, List<Run> line) {
        double[] cf = console.stream().mapToDouble(Run::fps).toArray();
        double[] lf = line.stream().mapToDouble(Run::fps).toArray();
        double cv = Stats.median(cf);
        double lv = Stats.median(lf);
        String name = "chart-" + c.key();
        String sizeNote = String.format(Locale.ROOT, "%d channel(s) x %d points in a sliding %d-s window (%.1f "
                        + "samples/s per channel appended at 25 Hz)%s", c.channels(), c.points(), windowSeconds,
                c.points() / (double) windowSeconds, scale != 1.0 ? String.format(Locale.ROOT,
                        " [SCALED by -Dbench.chart.scale=%s]", scale) : "");
        String method = String.format(Locale.ROOT, "reps = %d (console) / %d (linechart) back-to-back measuring "
                        + "windows on one fresh %dx%d Stage per chart and config (x%d stage(s)), after the first frame "
                        + "plus %.0f-s warm-up; fps = frames "
                        + "completed in the window / time from the last frame before it to the last frame in it; a "
                        + "window lasts %.0f s and until 2 frames completed, capped at %.0f s; %s; Xvfb, prism %s; %s",
                reps, lineReps, width, height, stages, warmupSeconds, measureSeconds, capSeconds,
                console.isEmpty() ? line.get(0).frameMode() : console.get(0).frameMode(), Fx.pipeline(),
                BenchmarkMain.machineTag());
        List<BenchResult> out = new ArrayList<>();
        if (!console.isEmpty()) {
            Run first = console.get(0);
            boolean target = c.key().equals("8x100k");
            double updateMillis = Stats.median(console.stream().mapToDouble(Run::meanUpdateMillis).toArray());
            out.add(new BenchResult(name + "-console", cv, "fps",
                    "the 25 Hz update rate (FxPulse.TRENDS_HZ): at most one new picture per update", UPDATE_HZ,
                    Stats.ratio(cv, UPDATE_HZ),
                    (target ? String.format(Locale.ROOT, "target >= 25 fps: %s; ", cv >= UPDATE_HZ ? "MET" : "MISSED")
                            : "")
                            + String.format(Locale.ROOT, "per-rep %s; ratio = fps / 25 Hz; context only: a plain "
                                    + "JavaFX LineChart given every point drew %s fps (%s-linechart); %s; console = "
                                    + "the console's own TrendChart control (the Trends screen's chart: ChartFX "
                                    + "XYChart, axes, pen data sets, stale styling, cursor plugin, legend) and its "
                                    + "TrendChartModel, hub filled first, then a feeder thread appends every 40 ms; "
                                    + "a 25 Hz FxPulse calls TrendChart.refresh() (what the control's own pulse "
                                    + "calls) with the model reading on every tick (ReadCadence.EVERY_REFRESH: the "
                                    + "screen reads a %s window only every ~%d ms at this width, so this is its "
                                    + "worst case), maxPoints = 2 x canvas width; updates %.1f/s at %.2f ms each on "
                                    + "the FX thread (hub read + copy + axes, of a 40-ms frame), pulses %.1f/s, %s; "
                                    + "hub sized so its native ring holds the window (retention window + 2 min, cap "
                                    + "1.5 x points; with the default 1 M cap a 1 M window falls back to the 1-s "
                                    + "min/max tier); %s",
                            Stats.list(cf), Double.isNaN(lv) ? "n/a" : String.format(Locale.ROOT, "%.3g", lv), name,
                            sizeNote, TrendChartUnderTest.windowOf(windowSeconds * 1000L).label(),
                            TrendChartModel.refreshIntervalMillis(TrendChartUnderTest.windowOf(windowSeconds * 1000L),
                                    (int) Math.round(first.plotWidth())),
                            Stats.median(console.stream().mapToDouble(Run::updatesPerSecond).toArray()),
                            updateMillis, Stats.median(console.stream().mapToDouble(Run::pulsesPerSecond).toArray()),
                            first.describe(), method)));
        }
        if (!line.isEmpty()) {
            Run first = line.get(0);
            long capped = line.stream().filter(Run::capped).count();
            out.add(new BenchResult(name + "-linechart", lv, "fps",
                    "console TrendChart control, same window (" + name + "-console)", cv, Stats.ratio(lv, cv),
                    String.format(Locale.ROOT, "context for the console figure; per-rep %s; ratio = "
                                    + "linechart/console (below 1: slower than the console); %s; naive chart: every point as XYChart.Data, a 25 Hz "
                                    + "AnimationTimer (at most one update per pulse, like FxPulse) appends the new samples "
                                    + "and removes as many from the front of each series; "
                                    + "updates %.1f/s at %.2f ms each on the FX thread, pulses %.1f/s, first frame "
                                    + "after %.1f s, data setup %.1f s, %s%s; %s",
                            Stats.list(lf), sizeNote,
                            Stats.median(line.stream().mapToDouble(Run::updatesPerSecond).toArray()),
                            Stats.median(line.stream().mapToDouble(Run::meanUpdateMillis).toArray()),
                            Stats.median(line.stream().mapToDouble(Run::pulsesPerSecond).toArray()),
                            first.firstFrameSeconds(), first.setupSeconds(), first.describe(),
                            capped > 0 ? String.format(Locale.ROOT, "; %d of %d windows hit the %.0f-s cap (fps from "
                                    + "the frame intervals that completed; 0 = no frame completed in the window)",
                                    capped, line.size(), capSeconds) : "",
                            method)));
        }
        return out;
    }

    // ------------------------------------------------------------------ console

    private List<Run> measureConsole(Config c) throws Exception {
        long t0 = System.nanoTime();
        double rate = c.points() / (double) windowSeconds;
        ChannelCatalogue catalogue = BenchCatalogue.json(c.channels(), rate, -1e12, 1e12);
        TelemetryHub.Settings settings = new TelemetryHub.Settings(Duration.ofSeconds(windowSeconds + 120L),
                Math.max(1_000_000, (int) (c.points() * 1.5)), Duration.ofSeconds(1), Duration.ofHours(24),
                Duration.ofSeconds(3), 5);
        TelemetryHub hub = new TelemetryHub(catalogue, Clock.systemDefaultZone(), settings);
        Signal signal = new Signal(rate, System.currentTimeMillis() - windowSeconds * 1000L - 2000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < c.channels(); i++) {
            ids.add(BenchCatalogue.id(i));
        }
        HubFeeder feeder = new HubFeeder(hub, signal, ids);
        feeder.fillTo(System.currentTimeMillis());
        double setup = (System.nanoTime() - t0) / 1e9;
        feeder.start();
        try {
            return measure(new TrendChartUnderTest(hub, ids, windowSeconds * 1000L), true, setup, reps);
        } finally {
            feeder.stop();
            if (feeder.rejected() > 0) {
                System.out.println("[chart] WARNING: the hub rejected " + feeder.rejected() + " fed samples");
            }
        }
    }

    // ------------------------------------------------------------------ naive LineChart

    private List<Run> measureLineChart(Config c) throws Exception {
        long t0 = System.nanoTime();
        double rate = c.points() / (double) windowSeconds;
        Signal signal = new Signal(rate, System.currentTimeMillis() - windowSeconds * 1000L - 2000);
        NaiveLineChart chart = new NaiveLineChart(signal, c.channels(), c.points(), Double.NaN, Double.NaN);
        chart.prepare(System.currentTimeMillis());
        double setup = (System.nanoTime() - t0) / 1e9;
        return measure(chart, false, setup, lineReps);
    }

    // ------------------------------------------------------------------ measuring

    /**
     * Shows the chart on a fresh stage, warms up, then measures {@code windows} back-to-back windows (one result
     * each).
     */
    private List<Run> measure(ChartUnderTest chart, boolean consoleStyles, double setupSeconds, int windows)
            throws Exception {
        Object[] holder = new Object[3];
        long shown = System.nanoTime();
        Fx.run(() -> {
            Scene scene = new Scene(chart.build(), width, height);
            if (consoleStyles) {
                scene.getStylesheets().addAll(MainWindow.stylesheetUrls());
            }
            FrameCounter counter = new FrameCounter(scene);
            counter.install();
            Stage stage = new Stage();
            stage.setTitle("bench");
            stage.setScene(scene);
            stage.setX(0);
            stage.setY(0);
            stage.show();
            holder[0] = stage;
            holder[1] = counter;
        }, 120_000);
        Stage stage = (Stage) holder[0];
        FrameCounter counter = (FrameCounter) holder[1];
        try {
            long firstDeadline = shown + seconds(firstFrameSeconds);
            while (counter.snapshot().frames() == 0 && System.nanoTime() < firstDeadline) {
                Thread.sleep(10);
            }
            double firstFrame = (System.nanoTime() - shown) / 1e9;
            // Start the 25 Hz updates only after a full pulse: ChartFX 11.3 read-locks its data sets in
            // layoutChildren() and unlocks them in its post-layout pulse listener, so a layout outside a pulse
            // (Stage.show) followed by DoubleDataSet.set on the FX thread before the next pulse deadlocks the FX
            // thread (the set waits for a write lock that thread itself holds as a reader).
            Fx.run(chart::start, 180_000);
            Thread.sleep(Math.round(warmupSeconds * 1000));
            // No FX-thread calls from here on: a slow chart can hold the FX thread for seconds per frame.
            List<Run> runs = new ArrayList<>();
            double[] window = new double[windows];
            long[] frames = new long[windows];
            double[] seconds = new double[windows];
            double[] pulses = new double[windows];
            double[] updates = new double[windows];
            boolean[] capped = new boolean[windows];
            FrameCounter.Snapshot a = counter.snapshot();
            long u0 = chart.updates();
            for (int w = 0; w < windows; w++) {
                long start = a.nanos();
                FrameCounter.Snapshot b;
                while (true) {
                    LockSupport.parkNanos(20_000_000L);
                    b = counter.snapshot();
                    double elapsed = (b.nanos() - start) / 1e9;
                    if (elapsed >= measureSeconds && b.frames() - a.frames() >= 2) {
                        break;
                    }
                    if (elapsed >= capSeconds) {
                        capped[w] = true;
                        break;
                    }
                }
                long u1 = chart.updates();
                window[w] = (b.nanos() - start) / 1e9;
                frames[w] = b.frames() - a.frames();
                if (frames[w] > 0 && a.frames() > 0 && b.lastFrameNanos() > a.lastFrameNanos()) {
                    // frames[w] frame intervals, from the last frame before the window to the last one in it
                    seconds[w] = (b.lastFrameNanos() - a.lastFrameNanos()) / 1e9;
                } else {
                    seconds[w] = window[w];
                }
                pulses[w] = (b.pulses() - a.pulses()) / window[w];
                updates[w] = (u1 - u0) / window[w];
                a = b;
                u0 = u1;
            }
            chart.halt();
            double mean = chart.meanUpdateMillis();
            String[] describe = new String[1];
            double[] plot = new double[1];
            Fx.run(() -> {
                describe[0] = chart.describe();
                plot[0] = chart.plotWidth();
            }, 300_000);
            for (int w = 0; w < windows; w++) {
                runs.add(new Run(frames[w] / seconds[w], frames[w], seconds[w], pulses[w], updates[w], mean,
                        firstFrame, setupSeconds, capped[w], describe[0], counter.mode(), plot[0]));
            }
            return runs;
        } finally {
            chart.halt();
            Fx.run(() -> {
                chart.stop();
                counter.uninstall();
                stage.close();
            }, 300_000);
            System.gc();
            Thread.sleep(300);
        }
    }

    private static long seconds(double s) {
        return TimeUnit.MILLISECONDS.toNanos(Math.round(s * 1000));
    }

    /** Appends the signal to the hub every 40 ms on its own thread (the hub's single writer). */
    private static final class HubFeeder {
        private final TelemetryHub hub;
        private final Signal signal;
        private final List<String> ids;
        private final Thread thread;
        private volatile boolean running = true;
        private long next;
        private long rejected;

        HubFeeder(TelemetryHub hub, Signal signal, List<String> ids) {
            this.hub = hub;
            this.signal = signal;
            this.ids = ids;
            this.thread = new Thread(this::loop, "bench-hub-feeder");
            this.thread.setDaemon(true);
        }

        void fillTo(long nowMillis) {
            long last = signal.indexAt(nowMillis);
            for (int c = 0; c < ids.size(); c++) {
                String id = ids.get(c);
                for (long k = next; k <= last; k++) {
                    if (!hub.accept(id, signal.timeOf(k), signal.value(c, k), Quality.GOOD, 0)) {
                        rejected++;
                    }
                }
            }
            next = last + 1;
        }

        void start() {
            thread.start();
        }

        private void loop() {
            long tick = System.nanoTime();
            while (running) {
                tick += 40_000_000L;
                long wait;
                while (running && (wait = tick - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                fillTo(System.currentTimeMillis());
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5000);
        }

        long rejected() {
            return rejected;
        }
    }
}
