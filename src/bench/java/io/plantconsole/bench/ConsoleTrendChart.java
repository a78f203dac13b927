package io.plantconsole.bench;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.plantconsole.ui.FxPulse;
import io.plantconsole.telemetry.service.SeriesBuffer;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.TrendsViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.layout.StackPane;

/**
 * The console's trend chart, built the way {@code TrendsController} builds it (ChartFX {@link XYChart}, local time
 * axis with fixed live range, one auto-ranged y axis per unit, {@link ErrorDataSetRenderer} with polyline, no
 * markers, NaN gaps, no point reduction, a {@link Zoomer}) and fed the way its pulse feeds it: at
 * {@link FxPulse#TRENDS_HZ} on the FX thread, one {@code hub.read} per pen of the live window min/max-decimated to
 * {@link TrendsViewModel#maxPoints} (2 per canvas pixel) copied into the pen's {@link DoubleDataSet}, then the time
 * axis moved to the new window. {@code TrendsController} keeps this inside a private FXML controller (no reusable
 * chart or pen-feed class), so the benchmark rebuilds the equivalent; unlike the real view it reads on every
 * tick (the real view model skips reads until the window has moved a pixel) and has no cursor plugin or legend.
 */
final class ConsoleTrendChart implements ChartUnderTest {
    private final TelemetryHub hub;
    private final List<String> penIds;
    private final long windowMillis;
    private final List<DoubleDataSet> sets = new ArrayList<>();
    private final List<SeriesBuffer> buffers = new ArrayList<>();
    private XYChart chart;
    private DefaultNumericAxis timeAxis;
    private StackPane root;
    private FxPulse pulse;
    private volatile long updates;
    private volatile long updateNanos;
    private volatile boolean halted;
    private int lastPoints;

    ConsoleTrendChart(TelemetryHub hub, List<String> penIds, long windowMillis) {
        this.hub = hub;
        this.penIds = List.copyOf(penIds);
        this.windowMillis = windowMillis;
    }

    @Override
    public Parent build() {
        timeAxis = new DefaultNumericAxis("Local time");
        timeAxis.setTimeAxis(true);
        timeAxis.setAnimated(false);
        timeAxis.setAutoRanging(false);
        timeAxis.setAutoRangeRounding(false);
        timeAxis.setOverlapPolicy(AxisLabelOverlapPolicy.SKIP_ALT);
        DefaultNumericAxis y = new DefaultNumericAxis("°C");
        y.setAnimated(false);
        y.setAutoRanging(true);
        y.setAutoRangeRounding(true);
        y.setAutoRangePadding(0.05);
        y.setSide(Side.LEFT);
        chart = new XYChart(timeAxis, y);
        chart.getStyleClass().add("trend-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.getMenuPane().setTop(null);
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.getAxes().add(y);
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setDrawMarker(false);
        r.setAllowNaNs(true);
        r.setPointReduction(false);
        r.setShowInLegend(false);
        List<DataSet> ds = new ArrayList<>();
        for (int i = 0; i < penIds.size(); i++) {
            DoubleDataSet d = new DoubleDataSet(penIds.get(i));
            d.addStyleClasses("pen-" + i);
            sets.add(d);
            buffers.add(new SeriesBuffer());
            ds.add(d);
        }
        r.getDatasets().setAll(ds);
        chart.getRenderers().setAll(r);
        Zoomer zoomer = new Zoomer();
        zoomer.setAddButtonsToToolBar(false);
        zoomer.setSliderVisible(false);
        zoomer.setAnimated(false);
        chart.getPlugins().add(zoomer);
        root = new StackPane(chart);
        root.getStyleClass().add("chart-panel");
        pulse = new FxPulse("bench-trends", FxPulse.TRENDS_HZ, this::onPulse);
        return root;
    }

    private void onPulse() {
        if (halted) {
            return;
        }
        long t = System.nanoTime();
        int width = (int) Math.round(chart.getCanvas().getWidth());
        int maxPoints = TrendsViewModel.maxPoints(width);
        long now = hub.nowMillis();
        long from = now - windowMillis;
        int points = 0;
        for (int i = 0; i < penIds.size(); i++) {
            SeriesBuffer b = buffers.get(i);
            hub.read(penIds.get(i), from, now, maxPoints, b);
            sets.get(i).set(b.x(), b.y(), b.size(), true);
            points += b.size();
        }
        timeAxis.setAutoRanging(false);
        timeAxis.set(from / 1000.0, now / 1000.0);
        timeAxis.forceRedraw();
        lastPoints = points;
        updates++;
        updateNanos += System.nanoTime() - t;
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
        return String.format(java.util.Locale.ROOT, "canvas %.0fx%.0f px, %d points drawn per frame (all pens)",
                chart.getCanvas().getWidth(), chart.getCanvas().getHeight(), lastPoints);
    }

    @Override
    public double plotWidth() {
        return chart.getCanvas().getWidth();
    }

    @Override
    public double plotHeight() {
        return chart.getCanvas().getHeight();
    }
}
