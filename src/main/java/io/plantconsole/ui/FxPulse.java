package io.plantconsole.ui;

import javafx.animation.AnimationTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where live data becomes UI updates: a fixed-rate tick on the FX thread that a view starts when it is
 * shown and stops when it is hidden. Views poll the hub (ring buffers, latest-value map) on each tick instead of
 * reacting to every sample, so one MQTT message never becomes one {@code Platform.runLater}.
 *
 * <p>The rates used by the console, written down once:
 * <ul>
 *   <li>{@link #TRENDS_HZ} (25 Hz): trend charts; each tick may skip the read when the chart would not move by a
 *       pixel (see {@code TrendChartModel#refreshIntervalMillis}).</li>
 *   <li>{@link #STATUS_HZ} (4 Hz): status bar and broker banner.</li>
 *   <li>{@link #TILES_HZ} (2 Hz): overview tiles.</li>
 *   <li>{@link #DIAGNOSTICS_HZ} (1 Hz): diagnostics counters and tables.</li>
 * </ul>
 *
 * <p>All methods must be called on the FX thread. A failing tick is logged (the first few times) and the pulse goes
 * on, so one bad value cannot freeze a live view.
 */
public final class FxPulse {
    public static final double TRENDS_HZ = 25;
    public static final double STATUS_HZ = 4;
    public static final double TILES_HZ = 2;
    public static final double DIAGNOSTICS_HZ = 1;

    private static final Logger LOG = LoggerFactory.getLogger(FxPulse.class);
    private static final int LOGGED_FAILURES = 3;
    /** A frame this close before a tick is due takes the tick (frames come every ~16.7 ms, not on our period). */
    private static final long EARLY_NANOS = 2_000_000;

    private final String name;
    private final double hz;
    private final Runnable task;
    private final long periodNanos;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onFrame(now);
        }
    };
    private boolean running;
    private long nextTick;
    private long ticks;
    private int failures;

    /**
     * @param name what the pulse drives, for the log
     * @param hz   ticks per second, above 0 and at most 60 (the FX pulse rate)
     * @param task run on the FX thread once per tick; should finish well within one period
     */
    public FxPulse(String name, double hz, Runnable task) {
        if (!(hz > 0 && hz <= 60)) {
            throw new IllegalArgumentException("rate must be in (0, 60] Hz: " + hz);
        }
        this.name = name;
        this.hz = hz;
        this.task = task;
        this.periodNanos = Math.round(1e9 / hz);
    }

    public String name() {
        return name;
    }

    public double hz() {
        return hz;
    }

    /** Starts ticking (the first tick runs at once). FX thread. */
    public void start() {
        if (isRunning()) {
            return;
        }
        running = true;
        tick();
        nextTick = System.nanoTime() + periodNanos;
        timer.start();
    }

    /**
     * At most one tick per rendered frame, on a fixed schedule; ticks missed during a long frame are dropped, not
     * replayed, so a slow frame never causes a burst of updates that makes the next frame slower still.
     */
    private void onFrame(long now) {
        if (now < nextTick - EARLY_NANOS) {
            return;
        }
        nextTick += periodNanos;
        if (nextTick < now) {
            nextTick = now + periodNanos;
        }
        tick();
    }

    /** Stops ticking. FX thread. */
    public void stop() {
        running = false;
        timer.stop();
    }

    public boolean isRunning() {
        return running;
    }

    /** Ticks run since creation. */
    public long ticks() {
        return ticks;
    }

    private void tick() {
        ticks++;
        try {
            task.run();
        } catch (RuntimeException e) {
            failures++;
            if (failures <= LOGGED_FAILURES) {
                LOG.error("Update of '{}' failed (tick {}); the view keeps running{}", name, ticks,
                        failures == LOGGED_FAILURES ? "; further failures are not logged" : "", e);
            }
        }
    }
}
