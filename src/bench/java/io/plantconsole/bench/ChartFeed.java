package io.plantconsole.bench;

import io.fair_acc.dataset.spi.DoubleDataSet;
import io.plantconsole.ui.FxPulse;
import io.plantconsole.telemetry.service.SeriesBuffer;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.trend.TrendChartModel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The trends view's feed step without the chart: at {@link FxPulse#TRENDS_HZ} (25 Hz) on the FX thread, read each
 * pen's live window from the hub (min/max-decimated to {@link TrendChartModel#maxPoints} points, as the view asks)
 * and copy it into a ChartFX {@link DoubleDataSet}, logging when each pen's read started and when its data set held
 * the result. Without a display it runs on a plain scheduled thread instead (reported).
 */
final class ChartFeed {
    private final TelemetryHub hub;
    private final List<String> pens;
    private final long windowMillis;
    private final int plotWidth;
    private final DoubleDataSet[] sets;
    private final SeriesBuffer[] buffers;
    private final long[][] starts;
    private final long[][] ends;
    private final int[] counts;
    private long ticks;
    private long tickNanos;
    private FxPulse pulse;
    private ScheduledExecutorService executor;
    private String scheduler = "not started";

    ChartFeed(TelemetryHub hub, List<String> pens, long windowMillis, int plotWidth) {
        this.hub = hub;
        this.pens = List.copyOf(pens);
        this.windowMillis = windowMillis;
        this.plotWidth = plotWidth;
        int n = pens.size();
        sets = new DoubleDataSet[n];
        buffers = new SeriesBuffer[n];
        starts = new long[n][1024];
        ends = new long[n][1024];
        counts = new int[n];
        for (int i = 0; i < n; i++) {
            sets[i] = new DoubleDataSet(pens.get(i));
            buffers[i] = new SeriesBuffer();
        }
    }

    void start() throws Exception {
        if (Fx.start()) {
            Fx.run(() -> {
                pulse = new FxPulse("bench-chart-feed", FxPulse.TRENDS_HZ, this::tick);
                pulse.start();
            }, 10_000);
            scheduler = "FxPulse (one tick per frame at most, on a fixed 25 Hz schedule) on the FX thread, like the trends view";
        } else {
            executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-chart-feed"));
            executor.scheduleAtFixedRate(this::tick, 0, Math.round(1000 / FxPulse.TRENDS_HZ), TimeUnit.MILLISECONDS);
            scheduler = "scheduled thread at 25 Hz (JavaFX unavailable: " + Fx.failure() + ")";
        }
    }

    void stop() throws Exception {
        if (pulse != null) {
            Fx.run(pulse::stop, 30_000);
            pulse = null;
        }
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void tick() {
        long t = System.nanoTime();
        long now = hub.nowMillis();
        int maxPoints = TrendChartModel.maxPoints(plotWidth);
        for (int p = 0; p < pens.size(); p++) {
            long s = System.nanoTime();
            SeriesBuffer b = buffers[p];
            hub.read(pens.get(p), now - windowMillis, now, maxPoints, b);
            sets[p].set(b.x(), b.y(), b.size(), true);
            long e = System.nanoTime();
            if (counts[p] == starts[p].length) {
                starts[p] = Arrays.copyOf(starts[p], counts[p] * 2);
                ends[p] = Arrays.copyOf(ends[p], counts[p] * 2);
            }
            starts[p][counts[p]] = s;
            ends[p][counts[p]] = e;
            counts[p]++;
        }
        ticks++;
        tickNanos += System.nanoTime() - t;
    }

    /**
     * When the sample that reached the hub at {@code hubNanos} on pen {@code p} was in the pen's data set: the end of
     * the first read that started after it, or -1 if no such read ran.
     */
    long visibleAt(int p, long hubNanos) {
        long[] s = starts[p];
        int lo = 0;
        int hi = counts[p] - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] >= hubNanos) {
                found = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return found < 0 ? -1 : ends[p][found];
    }

    /** Spacing of consecutive reads of the first pen: {p50, p99, max} in ms. */
    double[] tickGapsMillis() {
        int n = counts[0] - 1;
        if (n < 1) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        long[] gaps = new long[n];
        for (int i = 0; i < n; i++) {
            gaps[i] = starts[0][i + 1] - starts[0][i];
        }
        Arrays.sort(gaps);
        return new double[] {Stats.percentile(gaps, n, 50) / 1e6, Stats.percentile(gaps, n, 99) / 1e6,
            gaps[n - 1] / 1e6};
    }

    long ticks() {
        return ticks;
    }

    double meanTickMillis() {
        return ticks == 0 ? Double.NaN : tickNanos / 1e6 / ticks;
    }

    String scheduler() {
        return scheduler;
    }
}
