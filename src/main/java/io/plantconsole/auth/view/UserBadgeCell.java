package io.plantconsole.auth.view;

import javafx.css.PseudoClass;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** The user name with a text badge ({@code DISABLED}, {@code LOCKED}) after it: never colour alone. FX thread. */
final class UserBadgeCell extends TableCell<UserRow, String> {
    static final PseudoClass ACCOUNT_DISABLED = PseudoClass.getPseudoClass("account-disabled");
    static final PseudoClass LOCKED = PseudoClass.getPseudoClass("locked");

    private final Label badge = new Label();

    UserBadgeCell() {
        badge.getStyleClass().add("account-badge");
        setContentDisplay(ContentDisplay.RIGHT);
        setGraphicTextGap(8);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        UserRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
        if (empty || item == null || row == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        setText(item);
        if (row.badge().isEmpty()) {
            setGraphic(null);
        } else {
            badge.setText(row.badge());
            badge.pseudoClassStateChanged(ACCOUNT_DISABLED, row.disabled());
            badge.pseudoClassStateChanged(LOCKED, row.locked() && !row.disabled());
            setGraphic(badge);
        }
    }
}
