package io.plantconsole.bench;

import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.TelemetryFormat;
import io.plantconsole.telemetry.view.trend.TimeWindow;
import io.plantconsole.telemetry.view.trend.TrendChart;
import io.plantconsole.telemetry.view.trend.TrendChartModel;
import io.plantconsole.telemetry.view.trend.TrendChartModel.ReadCadence;
import io.plantconsole.telemetry.view.trend.TrendPen;
import io.plantconsole.ui.FxPulse;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The console's own trend chart under the chart benchmark: the {@link TrendChart} control the Trends screen shows
 * (ChartFX chart, axes, pen data sets, stale styling, cursor plugin, legend), fed by its {@link TrendChartModel} from
 * the hub, in a {@code .chart-panel} holder as on the screen. Nothing of the chart is rebuilt here.
 *
 * <p>Two differences from the screen, both so that the benchmark measures the chart at 25 updates per second: the
 * model reads on every tick ({@link ReadCadence#EVERY_REFRESH}; the screen reads a 10-minute window only when it
 * has moved a pixel, about every 500 ms), and the 25 Hz {@link FxPulse} is the benchmark's own, calling
 * {@link TrendChart#refresh()} (the method the control's pulse calls), so that each frame can be timed and the
 * feed stopped from another thread.
 */
final class TrendChartUnderTest implements ChartUnderTest {
    private final TelemetryHub hub;
    private final List<String> penIds;
    private final TimeWindow window;
    private TrendChart chart;
    private FxPulse pulse;
    private volatile long updates;
    private volatile long updateNanos;
    private volatile boolean halted;

    TrendChartUnderTest(TelemetryHub hub, List<String> penIds, long windowMillis) {
        this.hub = hub;
        this.penIds = List.copyOf(penIds);
        this.window = windowOf(windowMillis);
    }

    /** The trend window of this length; the benchmark's window must be one the operator can choose. */
    static TimeWindow windowOf(long millis) {
        for (TimeWindow w : TimeWindow.values()) {
            if (w.millis() == millis) {
                return w;
            }
        }
        throw new IllegalArgumentException("bench.chart.windowSeconds must be a trend window (60, 600, 3600, 28800 "
                + "or 86400 s), not " + millis / 1000);
    }

    @Override
    public Parent build() {
        TrendChartModel model = new TrendChartModel(hub, new TelemetryFormat(ZoneId.systemDefault()));
        List<ChannelDef> channels = penIds.stream().map(id -> hub.catalogue().byId(id).orElseThrow()).toList();
        model.selection().selectOnly(channels);
        model.chooseWindow(window);
        model.setReadCadence(ReadCadence.EVERY_REFRESH);
        chart = new TrendChart(model);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox panel = new VBox(chart);
        panel.getStyleClass().add("chart-panel");
        pulse = new FxPulse("bench-trends", FxPulse.TRENDS_HZ, this::tick);
        return panel;
    }

    private void tick() {
        if (halted) {
            return;
        }
        long t = System.nanoTime();
        if (chart.refresh()) {
            updates++;
            updateNanos += System.nanoTime() - t;
        }
    }

    @Override
    public void start() {
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
        chart.stop();
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
        int points = 0;
        for (TrendPen p : chart.model().selectedPens()) {
            points += chart.dataSet(p.id()).getDataCount();
        }
        return String.format(Locale.ROOT, "TrendChart control, %d pens, canvas %.0fx%.0f px, %d points drawn per "
                        + "frame (all pens)", chart.model().selectedPens().size(), plotWidth(), plotHeight(), points);
    }

    @Override
    public double plotWidth() {
        return chart.chart().getCanvas().getWidth();
    }

    @Override
    public double plotHeight() {
        return chart.chart().getCanvas().getHeight();
    }
}
