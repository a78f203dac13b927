package io.plantconsole.telemetry.view.trend;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.plugins.ChartPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * The trend cursor: a vertical line that follows the mouse over the plot and a box listing every pen's name and
 * value (with unit) at that time. ChartFX's {@code CrosshairIndicator} shows only coordinates and
 * {@code DataPointTooltip} only the nearest point of one data set, so this small plugin reads all pens at one time
 * through the chart's model ({@link CursorReadout#moveTo}, {@link CursorReadout#readings}).
 *
 * <p>CSS: {@code .trend-cursor-line}, {@code .trend-cursor-box}, {@code .trend-cursor-time},
 * {@code .trend-cursor-row} (pseudo-class {@code :stale} for pens without fresh data), {@code .pen-swatch.pen-N}.
 * FX thread only.
 */
public final class TrendCursorPlugin extends ChartPlugin {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final double BOX_OFFSET = 12;

    private final DoubleConsumer onMove;
    private final Runnable onExit;
    private final Supplier<List<CursorReading>> readings;
    private final Supplier<String> timeText;
    private final Line line = new Line();
    private final VBox box = new VBox();
    private final Label time = new Label();
    private final List<Row> rows = new ArrayList<>();
    private boolean showing;
    private double lastSceneX = Double.NaN;
    private double lastSceneY = Double.NaN;

    /**
     * @param onMove   told the time (epoch seconds) under the mouse
     * @param onExit   told when the mouse left the plot
     * @param readings the pens' values at the cursor, asked after {@code onMove}
     * @param timeText the cursor's time as text, asked after {@code onMove}
     */
    public TrendCursorPlugin(DoubleConsumer onMove, Runnable onExit, Supplier<List<CursorReading>> readings,
                             Supplier<String> timeText) {
        this.onMove = onMove;
        this.onExit = onExit;
        this.readings = readings;
        this.timeText = timeText;
        line.getStyleClass().add("trend-cursor-line");
        line.setManaged(false);
        line.setMouseTransparent(true);
        box.getStyleClass().add("trend-cursor-box");
        box.setManaged(false);
        box.setMouseTransparent(true);
        time.getStyleClass().add("trend-cursor-time");
        box.getChildren().add(time);
        registerInputEventHandler(MouseEvent.MOUSE_MOVED, this::handle);
        registerInputEventHandler(MouseEvent.MOUSE_DRAGGED, this::handle);
        registerInputEventHandler(MouseEvent.MOUSE_EXITED, this::handle);
    }

    /** Whether the cursor is on the plot. */
    public boolean isShowing() {
        return showing;
    }

    /** Puts the cursor at a horizontal position of the plot canvas (also used by tests). */
    public void showAt(double canvasX) {
        if (!(getChart() instanceof XYChart chart)) {
            return;
        }
        Canvas canvas = chart.getCanvas();
        Axis xAxis = chart.getXAxis();
        double x = Math.max(0, Math.min(canvas.getWidth(), canvasX));
        onMove.accept(xAxis.getValueForDisplay(x));
        place(x, canvas);
    }

    /** Removes the cursor. */
    public void hide() {
        if (showing) {
            showing = false;
            getChartChildren().removeAll(line, box);
            onExit.run();
        }
    }

    private void handle(MouseEvent event) {
        if (getChart() == null) {
            return;
        }
        if (event.getSceneX() == lastSceneX && event.getSceneY() == lastSceneY
                && event.getEventType() != MouseEvent.MOUSE_EXITED) {
            return; // the same event reaches us from the plot area and from the scene
        }
        lastSceneX = event.getSceneX();
        lastSceneY = event.getSceneY();
        if (event.getEventType() == MouseEvent.MOUSE_EXITED || !isMouseEventWithinCanvas(event)) {
            hide();
            return;
        }
        Canvas canvas = getChart().getCanvas();
        Point2D local = canvas.sceneToLocal(event.getSceneX(), event.getSceneY());
        showAt(local.getX());
    }

    private void place(double x, Canvas canvas) {
        double h = canvas.getHeight();
        line.setStartX(x + 0.5);
        line.setEndX(x + 0.5);
        line.setStartY(0);
        line.setEndY(h);
        time.setText(timeText.get());
        List<CursorReading> list = readings.get();
        while (rows.size() < list.size()) {
            Row r = new Row();
            rows.add(r);
        }
        box.getChildren().setAll(time);
        for (int i = 0; i < list.size(); i++) {
            Row r = rows.get(i);
            r.update(list.get(i));
            box.getChildren().add(r.node);
        }
        if (!showing) {
            showing = true;
            getChartChildren().addAll(line, box);
        }
        box.applyCss();
        double w = box.prefWidth(-1);
        double bh = box.prefHeight(w);
        double bx = x + BOX_OFFSET + w <= canvas.getWidth() ? x + BOX_OFFSET : x - BOX_OFFSET - w;
        box.resizeRelocate(Math.max(0, bx), BOX_OFFSET, w, bh);
    }

    private static final class Row {
        final HBox node = new HBox();
        final Region swatch = new Region();
        final Label name = new Label();
        final Label value = new Label();
        final Label badge = new Label();
        private int slot = -1;

        Row() {
            node.getStyleClass().add("trend-cursor-row");
            swatch.getStyleClass().add("pen-swatch");
            name.getStyleClass().add("trend-cursor-name");
            value.getStyleClass().add("trend-cursor-value");
            badge.getStyleClass().add("quality-badge");
            Region spacer = new Region();
            spacer.setMinWidth(8);
            HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
            node.getChildren().addAll(swatch, name, spacer, value, badge);
        }

        void update(CursorReading r) {
            if (slot != r.slot()) {
                swatch.getStyleClass().removeIf(c -> c.startsWith("pen-") && !c.equals("pen-swatch"));
                swatch.getStyleClass().add("pen-" + r.slot());
                slot = r.slot();
            }
            name.setText(r.name());
            value.setText(r.value());
            Badges.show(badge, r.state());
            node.pseudoClassStateChanged(STALE, r.state() != PenState.LIVE);
        }
    }
}
