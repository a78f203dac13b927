package io.plantconsole.auth.view;

import javafx.scene.control.TableRow;

/** A Users table row with the {@code :account-disabled} and {@code :locked} pseudo-classes of its account. */
final class UserTableRow extends TableRow<UserRow> {
    @Override
    protected void updateItem(UserRow item, boolean empty) {
        super.updateItem(item, empty);
        pseudoClassStateChanged(UserBadgeCell.ACCOUNT_DISABLED, !empty && item != null && item.disabled());
        pseudoClassStateChanged(UserBadgeCell.LOCKED, !empty && item != null && item.locked());
    }
}
