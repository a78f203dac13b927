package io.plantconsole.audit.view;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Text;

/** A cell whose text wraps to its column (hashes and long values stay readable in the narrow detail pane). */
final class WrappingTextCell<S> extends TableCell<S, String> {
    private final Text text = new Text();

    WrappingTextCell(TableColumn<S, String> column) {
        text.getStyleClass().add("detail-value-text");
        text.wrappingWidthProperty().bind(column.widthProperty().subtract(16));
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            setTooltip(null);
        } else {
            text.setText(item);
            setGraphic(text);
            setTooltip(TooltipTextCell.wrapped(item));
        }
    }
}
