package io.plantconsole.bench;

import javafx.animation.AnimationTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;

/**
 * The baseline: a plain JavaFX {@link LineChart} (no symbols, no animation) holding the whole sliding window, every
 * point, no decimation, as a naive app would; at 25 Hz the new samples are appended and as many old ones removed
 * from the front of each series, and the x axis moves with the window. Same {@link Signal} as the console's hub.
 *
 * <p>The 25 Hz tick is an {@link AnimationTimer} that updates at most once per pulse and only when 40 ms have
 * passed, the same rule as the console's {@code FxPulse}: a {@code Timeline} would run every missed cycle
 * back-to-back after a long pulse, and with a LineChart whose every update costs ~0.2 s that catch-up would grow
 * each pulse and the bench would measure the spiral, not the chart.
 */
final class NaiveLineChart implements ChartUnderTest {
    private static final long TICK_NANOS = 40_000_000L;

    private final Signal signal;
    private final int channels;
    private final int points;
    private final double prefWidth;
    private final double prefHeight;
    private final List<List<XYChart.Data<Number, Number>>> initial = new ArrayList<>();
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    private long lastIndex;
    private LineChart<Number, Number> chart;
    private NumberAxis x;
    private AnimationTimer pulse;
    private long lastTick = Long.MIN_VALUE;
    private volatile long updates;
    private volatile long updateNanos;
    private volatile boolean halted;

    /**
     * @param prefWidth  chart size (NaN: fill the scene)
     * @param prefHeight chart size (NaN: fill the scene)
     */
    NaiveLineChart(Signal signal, int channels, int points, double prefWidth, double prefHeight) {
        this.signal = signal;
        this.channels = channels;
        this.points = points;
        this.prefWidth = prefWidth;
        this.prefHeight = prefHeight;
    }

    /** Creates the data items of the first window. Any thread (before {@link #build}). */
    void prepare(long nowMillis) {
        lastIndex = signal.indexAt(nowMillis);
        for (int c = 0; c < channels; c++) {
            List<XYChart.Data<Number, Number>> list = new ArrayList<>(points);
            for (long k = lastIndex - points + 1; k <= lastIndex; k++) {
                list.add(new XYChart.Data<>(signal.timeOf(k) / 1000.0, signal.value(c, k)));
            }
            initial.add(list);
        }
    }

    @Override
    public Parent build() {
        x = new NumberAxis();
        x.setAutoRanging(false);
        x.setForceZeroInRange(false);
        x.setAnimated(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        y.setAnimated(false);
        chart = new LineChart<>(x, y);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        for (int c = 0; c < channels; c++) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>("ch-" + c,
                    FXCollections.observableArrayList(initial.get(c)));
            series.add(s);
        }
        initial.clear();
        chart.getData().setAll(series);
        moveAxis();
        StackPane root = new StackPane(chart);
        if (!Double.isNaN(prefWidth)) {
            chart.setPrefSize(prefWidth, prefHeight);
            chart.setMaxSize(prefWidth, prefHeight);
        }
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastTick == Long.MIN_VALUE || now - lastTick >= TICK_NANOS) {
                    lastTick = now;
                    onPulse();
                }
            }
        };
        return root;
    }

    private void moveAxis() {
        double to = signal.timeOf(lastIndex) / 1000.0;
        double window = points / signal.rateHz;
        x.setLowerBound(to - window);
        x.setUpperBound(to);
        x.setTickUnit(window / 10);
    }

    private void onPulse() {
        if (halted) {
            return;
        }
        long t = System.nanoTime();
        long now = System.currentTimeMillis();
        long next = signal.indexAt(now);
        int added = (int) Math.min(points, next - lastIndex);
        if (added > 0) {
            for (int c = 0; c < channels; c++) {
                List<XYChart.Data<Number, Number>> fresh = new ArrayList<>(added);
                for (long k = next - added + 1; k <= next; k++) {
                    fresh.add(new XYChart.Data<>(signal.timeOf(k) / 1000.0, signal.value(c, k)));
                }
                ObservableList<XYChart.Data<Number, Number>> data = series.get(c).getData();
                if (added >= points) {
                    data.setAll(fresh);
                } else {
                    data.addAll(fresh);
                    data.remove(0, added);
                }
            }
            lastIndex = next;
            moveAxis();
        }
        updates++;
        updateNanos += System.nanoTime() - t;
    }

    @Override
    public void start() {
        onPulse();
        pulse.start();
    }

    @Override
    public void halt() {
        halted = true;
    }

    @Override
    public void stop() {
        halted = true;
        pulse.stop();
    }

    @Override
    public long updates() {
        return updates;
    }

    @Override
    public double meanUpdateMillis() {
        return updates == 0 ? Double.NaN : updateNanos / 1e6 / updates;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "chart %.0fx%.0f px, %d points per series x %d series", chart.getWidth(),
                chart.getHeight(), series.isEmpty() ? 0 : series.get(0).getData().size(), series.size());
    }

    @Override
    public double plotWidth() {
        return chart.getWidth();
    }

    @Override
    public double plotHeight() {
        return chart.getHeight();
    }
}
