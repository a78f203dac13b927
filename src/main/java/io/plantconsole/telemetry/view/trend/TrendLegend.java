package io.plantconsole.telemetry.view.trend;

import io.plantconsole.telemetry.view.TelemetryFormat;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The legend under the trend chart: per pen its colour, name, value (latest, or at the cursor) and quality badge;
 * a pen without fresh data is marked {@code :stale}. Rebuilt when the chosen pens change; each item follows its
 * pen's value and state through listeners that {@link #show} and {@link #clear} remove again.
 *
 * <p>CSS: {@code .trend-legend}, {@code .legend-item} ({@code :stale}), {@code .legend-name}, {@code .legend-value},
 * {@code .pen-swatch.pen-N}, {@code .quality-badge}. FX thread.
 */
final class TrendLegend extends FlowPane {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final List<Runnable> cleanup = new ArrayList<>();

    TrendLegend() {
        getStyleClass().add("trend-legend");
    }

    /** Shows these pens, in order. */
    void show(List<TrendPen> pens) {
        clear();
        List<Node> items = new ArrayList<>(pens.size());
        for (TrendPen p : pens) {
            items.add(item(p));
        }
        getChildren().setAll(items);
    }

    /** Removes every item and its listeners. */
    void clear() {
        cleanup.forEach(Runnable::run);
        cleanup.clear();
        getChildren().clear();
    }

    private Node item(TrendPen p) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("pen-swatch", "pen-" + p.slot());
        Label name = new Label(p.channel().name());
        name.getStyleClass().add("legend-name");
        Label value = new Label();
        value.getStyleClass().add("legend-value");
        value.textProperty().bind(p.valueTextProperty());
        Label badge = new Label();
        badge.getStyleClass().add("quality-badge");
        Badges.show(badge, p.state());
        HBox item = new HBox(swatch, name, value, badge);
        item.getStyleClass().add("legend-item");
        item.pseudoClassStateChanged(STALE, p.state() != PenState.LIVE);
        ChangeListener<PenState> l = (o, a, b) -> {
            item.pseudoClassStateChanged(STALE, b != PenState.LIVE);
            Badges.show(badge, b);
        };
        p.stateProperty().addListener(l);
        cleanup.add(() -> {
            p.stateProperty().removeListener(l);
            value.textProperty().unbind();
        });
        Tooltip.install(item, new Tooltip(p.channel().area() + " · " + p.channel().equipment() + " · "
                + TelemetryFormat.normalBand(p.channel())));
        return item;
    }
}
