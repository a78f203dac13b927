package io.plantconsole.audit.view;

import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;

/** An Audit table row with the {@code :broken} pseudo-class where the last verification found the chain broken. */
final class EventTableRow extends TableRow<EventRow> {
    static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");

    @Override
    protected void updateItem(EventRow item, boolean empty) {
        super.updateItem(item, empty);
        pseudoClassStateChanged(BROKEN, !empty && item != null && item.broken());
    }
}
