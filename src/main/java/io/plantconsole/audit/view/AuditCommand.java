package io.plantconsole.audit.view;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** An Audit command's enabled state and what it does or why it is disabled, for binding a button and its tooltip. */
public final class AuditCommand {
    private final ReadOnlyBooleanWrapper disabled = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper tooltip = new ReadOnlyStringWrapper("");

    public ReadOnlyBooleanProperty disabledProperty() {
        return disabled.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tooltipProperty() {
        return tooltip.getReadOnlyProperty();
    }

    /** Disabled with {@code whyNot} when it is not null, else enabled with {@code enabledTip}. */
    void set(String whyNot, String enabledTip) {
        disabled.set(whyNot != null);
        tooltip.set(whyNot != null ? whyNot : enabledTip);
    }
}
