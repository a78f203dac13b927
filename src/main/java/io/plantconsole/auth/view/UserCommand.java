package io.plantconsole.auth.view;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A Users toolbar command's enabled state and the tooltip that says what it does or why it is disabled. */
public final class UserCommand {
    private final ReadOnlyBooleanWrapper disabled;
    private final ReadOnlyStringWrapper tooltip;

    UserCommand(String name) {
        disabled = new ReadOnlyBooleanWrapper(this, name + "Disabled", true);
        tooltip = new ReadOnlyStringWrapper(this, name + "Tooltip", "");
    }

    public ReadOnlyBooleanProperty disabledProperty() {
        return disabled.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tooltipProperty() {
        return tooltip.getReadOnlyProperty();
    }

    public boolean isDisabled() {
        return disabled.get();
    }

    public String tooltip() {
        return tooltip.get();
    }

    void enable(String what) {
        tooltip.set(what);
        disabled.set(false);
    }

    void disable(String why) {
        tooltip.set(why);
        disabled.set(true);
    }
}
