package io.plantconsole.telemetry.view;

import io.plantconsole.telemetry.view.trend.AreaHeader;
import io.plantconsole.telemetry.view.trend.Badges;
import io.plantconsole.telemetry.view.trend.PenListEntry;
import io.plantconsole.telemetry.view.trend.PenState;
import io.plantconsole.telemetry.view.trend.TrendPen;
import java.util.Locale;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * One row of the Trends pen list: an area header with a "Trend" action (the area's pens on the chart), or a pen with
 * check box, colour swatch (while chosen), name, quality badge and unit. A click anywhere on a pen row toggles the
 * pen. The cell follows its pen's selection, slot and state while it shows it.
 *
 * <p>CSS: {@code .pen-cell} ({@code :stale} for a chosen pen without fresh data), {@code .pen-area-cell},
 * {@code .pen-row}, {@code .pen-name}, {@code .pen-unit}, {@code .pen-area-row}, {@code .pen-area-name}. FX thread.
 */
final class PenListCell extends ListCell<PenListEntry> {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final TrendsViewModel vm;
    private final CheckBox check = new CheckBox();
    private final Region swatch = new Region();
    private final Label name = new Label();
    private final Label unit = new Label();
    private final Label badge = new Label();
    private final HBox penBox;
    private final Label areaName = new Label();
    private final Button showArea = new Button("Trend");
    private final HBox headerBox;
    private final ChangeListener<Object> refresher = (o, a, b) -> refreshPen();
    private TrendPen pen;

    PenListCell(TrendsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("pen-cell");
        setPrefWidth(0); // never ask for more than the list is wide: long names shrink, units stay visible
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        swatch.getStyleClass().add("pen-swatch");
        name.getStyleClass().add("pen-name");
        unit.getStyleClass().add("pen-unit");
        badge.getStyleClass().add("quality-badge");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        name.setMaxWidth(Double.MAX_VALUE);
        name.setMinWidth(0);
        HBox.setHgrow(name, Priority.SOMETIMES);
        unit.setMinWidth(Region.USE_PREF_SIZE);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        check.setMinWidth(Region.USE_PREF_SIZE);
        swatch.setMinWidth(Region.USE_PREF_SIZE);
        penBox = new HBox(check, swatch, name, spacer, badge, unit);
        penBox.getStyleClass().add("pen-row");
        check.setOnAction(e -> {
            if (pen != null) {
                vm.setPenSelected(pen, check.isSelected());
                check.setSelected(pen.isSelected());
            }
        });
        areaName.getStyleClass().add("pen-area-name");
        areaName.setMinWidth(0);
        showArea.setMinWidth(Region.USE_PREF_SIZE);
        showArea.getStyleClass().addAll("link-button");
        showArea.setOnAction(e -> {
            if (getItem() instanceof AreaHeader h) {
                vm.showArea(h.area());
            }
        });
        showArea.setTooltip(new Tooltip("Put this area's pens on the chart"));
        Region hs = new Region();
        HBox.setHgrow(hs, Priority.ALWAYS);
        headerBox = new HBox(areaName, hs, showArea);
        headerBox.getStyleClass().add("pen-area-row");
        setOnMouseClicked(e -> {
            // a click anywhere on a pen row toggles it (the check box handles its own clicks)
            if (pen != null && e.getButton() == MouseButton.PRIMARY
                    && !(e.getTarget() instanceof Node n && isInside(n, check))) {
                vm.setPenSelected(pen, !pen.isSelected());
                refreshPen();
            }
        });
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (x == ancestor) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void updateItem(PenListEntry item, boolean empty) {
        super.updateItem(item, empty);
        detach();
        getStyleClass().remove("pen-area-cell");
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            pseudoClassStateChanged(STALE, false);
            return;
        }
        if (item instanceof AreaHeader h) {
            getStyleClass().add("pen-area-cell");
            areaName.setText(h.area().toUpperCase(Locale.ROOT) + "  ·  " + h.channels());
            setGraphic(headerBox);
            pseudoClassStateChanged(STALE, false);
        } else if (item instanceof TrendPen p) {
            pen = p;
            name.setText(p.channel().name());
            unit.setText(p.channel().unit());
            p.selectedProperty().addListener(refresher);
            p.slotProperty().addListener(refresher);
            p.stateProperty().addListener(refresher);
            refreshPen();
            setGraphic(penBox);
        }
    }

    private void detach() {
        if (pen != null) {
            pen.selectedProperty().removeListener(refresher);
            pen.slotProperty().removeListener(refresher);
            pen.stateProperty().removeListener(refresher);
            pen = null;
        }
    }

    private void refreshPen() {
        if (pen == null) {
            return;
        }
        check.setSelected(pen.isSelected());
        swatch.getStyleClass().removeIf(c -> c.startsWith("pen-") && !c.equals("pen-swatch"));
        if (pen.isSelected()) {
            swatch.getStyleClass().add("pen-" + pen.slot());
        }
        swatch.setVisible(pen.isSelected());
        boolean flagged = pen.isSelected() && pen.state() != PenState.LIVE;
        Badges.show(badge, pen.isSelected() ? pen.state() : PenState.LIVE);
        pseudoClassStateChanged(STALE, flagged);
    }
}
