package io.plantconsole.audit.view;

import java.util.function.Function;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * A text cell with a tooltip from its row (the UTC time, the full hash, every change on its own line); no tooltip
 * where the row gives none. FX thread.
 *
 * @param <S> the row type
 */
final class TooltipTextCell<S> extends TableCell<S, String> {
    private final Function<S, String> tooltip;

    TooltipTextCell(Function<S, String> tooltip) {
        this.tooltip = tooltip;
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        S row = empty || getTableRow() == null ? null : getTableRow().getItem();
        setText(empty ? null : item);
        String tip = row == null || item == null ? null : tooltip.apply(row);
        setTooltip(tip == null || tip.isBlank() ? null : wrapped(tip));
    }

    /** A tooltip that wraps long text and stays long enough to read a hash. */
    static Tooltip wrapped(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(560);
        t.setShowDuration(Duration.seconds(30));
        return t;
    }
}
