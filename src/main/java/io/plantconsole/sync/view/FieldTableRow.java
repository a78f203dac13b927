package io.plantconsole.sync.view;

import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;

/**
 * A row of a conflict's comparison: a field whose values differ gets the {@value #CHANGED_FIELD} style class and the
 * {@code :changed} pseudo-class (with the text marker in its own column, never colour alone).
 */
final class FieldTableRow extends TableRow<FieldRow> {
    static final String CHANGED_FIELD = "changed-field";
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    @Override
    protected void updateItem(FieldRow item, boolean empty) {
        super.updateItem(item, empty);
        boolean changed = !empty && item != null && item.changed();
        pseudoClassStateChanged(CHANGED, changed);
        if (changed) {
            if (!getStyleClass().contains(CHANGED_FIELD)) {
                getStyleClass().add(CHANGED_FIELD);
            }
        } else {
            getStyleClass().remove(CHANGED_FIELD);
        }
    }
}
