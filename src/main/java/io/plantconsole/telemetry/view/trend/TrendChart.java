package io.plantconsole.telemetry.view.trend;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.plantconsole.ui.FxPulse;
import java.net.URL;
import java.util.Objects;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * A live trend chart: the pens of a {@link TrendChartModel} drawn by ChartFX on a local time axis with one y axis per
 * unit, stale pens dashed and broken at gaps, a cursor reading every pen ({@link TrendCursorPlugin}) and a legend
 * with each pen's value and quality badge. Built once and reused (ADR 0007); the default skin is
 * {@link TrendChartSkin}, made with the control.
 *
 * <p>Feeding: {@link #start()} runs a {@link FxPulse} at {@link FxPulse#TRENDS_HZ}; each tick ({@link #refresh()})
 * lets the model read the hub when due and copies new data into the chart at most once per frame. A view starts it
 * when shown and stops it when hidden.
 *
 * <p>Styles: {@code styles/trend-chart.css}, added to this control's own stylesheets so that it styles the ChartFX
 * nodes inside (author level, above ChartFX's user-agent sheet). It uses the {@code -pc-*} colour tokens and the
 * {@code .pen-swatch.pen-N} and {@code .quality-badge} rules of the console's theme, which a scene or an ancestor
 * provides. Style class {@code trend-chart-view}; the ChartFX chart inside is {@code .trend-chart}.
 *
 * <p>FX thread only.
 */
public final class TrendChart extends Control {
    /** The control's style class. */
    public static final String DEFAULT_STYLE_CLASS = "trend-chart-view";
    /** The control's stylesheet, on the classpath. */
    public static final String STYLESHEET = "/styles/trend-chart.css";
    /** Shown over the plot while no pen is chosen, unless changed. */
    public static final String DEFAULT_PLACEHOLDER = "No pens chosen.";

    private final TrendChartModel model;
    private final FxPulse pulse;
    private final StringProperty placeholderText =
            new SimpleStringProperty(this, "placeholderText", DEFAULT_PLACEHOLDER);

    public TrendChart(TrendChartModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.pulse = new FxPulse("trends", FxPulse.TRENDS_HZ, this::refresh);
        getStyleClass().setAll(DEFAULT_STYLE_CLASS);
        URL css = TrendChart.class.getResource(STYLESHEET);
        if (css == null) {
            throw new IllegalStateException("stylesheet missing from the classpath: " + STYLESHEET);
        }
        getStylesheets().add(css.toExternalForm());
        // Built now, not at the first CSS pass: the chart exists (and is reused) from construction on, like the
        // rest of a screen loaded once, and tests may reach into it before the screen is first shown.
        setSkin(createDefaultSkin());
    }

    public TrendChartModel model() {
        return model;
    }

    /** Text over the plot while no pen is chosen. */
    public StringProperty placeholderTextProperty() {
        return placeholderText;
    }

    public void setPlaceholderText(String text) {
        placeholderText.set(text);
    }

    public String getPlaceholderText() {
        return placeholderText.get();
    }

    // ------------------------------------------------------------------ feeding

    /** Starts the live feed (the first tick runs at once). */
    public void start() {
        pulse.start();
    }

    /** Stops the live feed and takes the cursor off the chart. */
    public void stop() {
        pulse.stop();
        if (getSkin() instanceof TrendChartSkin s) {
            s.cursor().hide();
        }
    }

    /** The pulse that feeds the chart (tests and the self-test look at it). */
    public FxPulse pulse() {
        return pulse;
    }

    /**
     * One frame of the feed (the pulse calls it): the model reads the hub when due, and new data reaches the data
     * sets unless the chart holds their locks (then on a later frame).
     *
     * @return whether the chart's data sets were written
     */
    public boolean refresh() {
        return skin().frame();
    }

    // ------------------------------------------------------------------ parts (tests, screenshots, exports)

    /** The ChartFX chart (built once, with the skin). */
    public XYChart chart() {
        return skin().chart();
    }

    /** The chart's data set of a channel, made when its pen was first chosen; null before. */
    public DoubleDataSet dataSet(String channelId) {
        return skin().dataSet(channelId);
    }

    /** The cursor plugin (tests and screenshots place it with {@link TrendCursorPlugin#showAt}). */
    public TrendCursorPlugin cursor() {
        return skin().cursor();
    }

    /** Whether some pen's data set holds at least {@code minPoints} points (live data reached the chart). */
    public boolean showsLiveData(int minPoints) {
        for (TrendPen p : model.selectedPens()) {
            DoubleDataSet ds = dataSet(p.id());
            if (ds != null && ds.getDataCount() >= minPoints && p.finitePoints() >= minPoints) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new TrendChartSkin(this);
    }

    private TrendChartSkin skin() {
        if (getSkin() instanceof TrendChartSkin s) {
            return s;
        }
        throw new IllegalStateException("TrendChart needs a TrendChartSkin, not " + getSkin());
    }
}
