package io.plantconsole.telemetry.view.trend;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.axes.spi.format.DefaultTimeFormatter;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The default skin of {@link TrendChart}: one ChartFX {@link XYChart} built once and reused, a local time axis, one
 * y axis per unit (sides alternating, range from {@link TrendChartModel#yRange}), one polyline renderer per axis
 * drawing NaN as a gap, pan and zoom (zooming or panning pauses live mode), the {@link TrendCursorPlugin}, a
 * placeholder while no pen is chosen and the {@link TrendLegend} below. {@link #frame} is the per-frame feed
 * (ADR 0007). FX thread throughout.
 */
public final class TrendChartSkin extends SkinBase<TrendChart> {
    private final TrendChartModel model;
    private final PenDataSets dataSets = new PenDataSets();
    private final List<DefaultNumericAxis> yAxes = new ArrayList<>();
    private final List<ErrorDataSetRenderer> renderers = new ArrayList<>();
    private final DefaultNumericAxis timeAxis = new DefaultNumericAxis("Local time");
    private final XYChart chart;
    private final Zoomer zoomer = new Zoomer();
    private final TrendCursorPlugin cursor;
    private final TrendLegend legend = new TrendLegend();
    private final Label placeholder = new Label();
    private final ChangeListener<Number> rangeListener;
    private final ListChangeListener<Object> zoomListener;
    private boolean applyingRange;
    private boolean dataPending;

    public TrendChartSkin(TrendChart control) {
        super(control);
        model = control.model();
        timeAxis.setUnit(null);
        timeAxis.setTimeAxis(true);
        timeAxis.setAnimated(false);
        timeAxis.setAutoRanging(false);
        timeAxis.setAutoRangeRounding(false);
        timeAxis.setOverlapPolicy(AxisLabelOverlapPolicy.SKIP_ALT);
        if (timeAxis.getAxisLabelFormatter() instanceof DefaultTimeFormatter f) {
            f.setTimeZoneOffset(model.zone().getRules().getOffset(Instant.now()));
        }
        DefaultNumericAxis firstY = newYAxis();
        yAxes.add(firstY);
        chart = new XYChart(timeAxis, firstY);
        chart.getStyleClass().add("trend-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.getMenuPane().setTop(null);
        renderers.add(newRenderer(firstY));
        chart.getRenderers().setAll(renderers.get(0));

        zoomer.setAddButtonsToToolBar(false);
        zoomer.setSliderVisible(false);
        zoomer.setAnimated(false);
        zoomer.setPanMouseFilter(e -> (e.isMiddleButtonDown() || e.isPrimaryButtonDown() && e.isShiftDown()));
        zoomListener = c -> {
            if (!zoomer.zoomStackDeque().isEmpty()) {
                model.pause();
            }
        };
        zoomer.zoomStackDeque().addListener(zoomListener);
        CursorReadout readout = model.cursor();
        cursor = new TrendCursorPlugin(readout::moveTo, readout::clear, readout::readings,
                () -> readout.timeTextProperty().get());
        chart.getPlugins().addAll(zoomer, cursor);

        rangeListener = (o, a, b) -> {
            if (!applyingRange && !model.isLive()) {
                model.setViewRange(timeAxis.getMin(), timeAxis.getMax());
            }
        };
        timeAxis.minProperty().addListener(rangeListener);
        timeAxis.maxProperty().addListener(rangeListener);
        applyTimeRange();

        placeholder.getStyleClass().add("empty-state");
        placeholder.textProperty().bind(control.placeholderTextProperty());
        placeholder.visibleProperty().bind(Bindings.isEmpty(model.selectedPens()));
        StackPane plot = new StackPane(chart, placeholder);
        VBox.setVgrow(plot, Priority.ALWAYS);
        getChildren().setAll(new VBox(plot, legend));

        registerListChangeListener(model.selectedPens(), c -> rebuildPens());
        registerChangeListener(model.liveProperty(), o -> {
            if (model.isLive()) {
                resumeLiveAxes();
            }
        });
        rebuildPens();
    }

    XYChart chart() {
        return chart;
    }

    DoubleDataSet dataSet(String channelId) {
        return dataSets.get(channelId);
    }

    TrendCursorPlugin cursor() {
        return cursor;
    }

    /**
     * One frame: lets the model read the hub when due and, when it has new data and the chart holds none of its
     * data-set locks, copies every chosen pen into its data set and, while live, moves the time axis to the new
     * window and each unit axis to its range.
     *
     * @return whether the data sets were written
     */
    boolean frame() {
        int width = (int) Math.round(chart.getCanvas().getWidth());
        if (model.refresh(width)) {
            dataPending = true;
        }
        if (!dataPending || dataSets.lockedByChart()) {
            return false;
        }
        dataSets.fill(model.selectedPens());
        dataPending = false;
        if (model.isLive()) {
            applyTimeRange();
            applyYRanges();
        }
        return true;
    }

    private static DefaultNumericAxis newYAxis() {
        DefaultNumericAxis y = new DefaultNumericAxis("");
        y.setUnit(null);
        y.setAnimated(false);
        y.setAutoRanging(true);
        y.setAutoRangeRounding(false);
        y.setAutoRangePadding(0.05);
        y.setSide(Side.LEFT);
        return y;
    }

    private static ErrorDataSetRenderer newRenderer(DefaultNumericAxis y) {
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.getAxes().add(y);
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setDrawMarker(false);
        r.setAllowNaNs(true); // the hub puts a NaN across every gap: draw it as a gap, never bridge it
        r.setPointReduction(false); // the hub already min/max-decimates to about two points per pixel
        r.setShowInLegend(false);
        return r;
    }

    /** Matches axes, renderers and data sets to the chosen pens: one y axis per unit, sides alternating. */
    private void rebuildPens() {
        List<UnitGroup> groups = model.unitGroups();
        int needed = Math.max(1, groups.size());
        while (yAxes.size() < needed) {
            DefaultNumericAxis y = newYAxis();
            yAxes.add(y);
            renderers.add(newRenderer(y));
        }
        List<Axis> axes = new ArrayList<>();
        axes.add(timeAxis);
        for (int i = 0; i < needed; i++) {
            DefaultNumericAxis y = yAxes.get(i);
            y.setSide(i % 2 == 0 ? Side.LEFT : Side.RIGHT);
            y.setName(i < groups.size() ? axisLabel(groups.get(i)) : "");
            axes.add(y);
            List<DataSet> sets = new ArrayList<>();
            if (i < groups.size()) {
                for (TrendPen p : groups.get(i).pens()) {
                    sets.add(dataSets.of(p));
                }
            }
            renderers.get(i).getDatasets().setAll(sets);
        }
        // Change the chart's lists only where they differ: a renderer removed and re-added in one change would
        // end up detached (ChartFX handles the additions of a change before its removals).
        syncList(chart.getRenderers(), renderers.subList(0, needed));
        syncList(chart.getAxes(), axes);
        dataSets.release(model.selectedPens());
        legend.show(model.selectedPens());
    }

    private static <T> void syncList(ObservableList<T> target, List<? extends T> wanted) {
        target.removeIf(t -> !wanted.contains(t));
        for (int i = 0; i < wanted.size(); i++) {
            T w = wanted.get(i);
            if (!target.contains(w)) {
                target.add(Math.min(i, target.size()), w);
            }
        }
    }

    private static String axisLabel(UnitGroup g) {
        return g.unit().isEmpty() ? "value" : g.unit();
    }

    /** Live mode: each unit's axis gets the model's stable, round range (zooming hands the axes to Zoomer). */
    private void applyYRanges() {
        List<UnitGroup> groups = model.unitGroups();
        for (int i = 0; i < groups.size() && i < yAxes.size(); i++) {
            AxisRange r = model.yRange(groups.get(i));
            DefaultNumericAxis y = yAxes.get(i);
            y.setAutoRanging(false);
            if (y.getMin() != r.min() || y.getMax() != r.max()) {
                y.set(r.min(), r.max());
            }
        }
    }

    private void applyTimeRange() {
        applyingRange = true;
        try {
            timeAxis.setAutoRanging(false);
            timeAxis.set(model.viewFrom(), model.viewTo());
            timeAxis.forceRedraw();
        } finally {
            applyingRange = false;
        }
    }

    private void resumeLiveAxes() {
        zoomer.clear();
        applyTimeRange();
        applyYRanges();
    }

    @Override
    public void dispose() {
        if (getSkinnable() == null) {
            return;
        }
        cursor.hide();
        zoomer.zoomStackDeque().removeListener(zoomListener);
        timeAxis.minProperty().removeListener(rangeListener);
        timeAxis.maxProperty().removeListener(rangeListener);
        placeholder.textProperty().unbind();
        placeholder.visibleProperty().unbind();
        legend.clear();
        dataSets.dispose();
        super.dispose();
    }
}
