package io.plantconsole.auth.view;

import io.plantconsole.kernel.identity.Role;
import javafx.scene.control.ChoiceBox;
import javafx.util.StringConverter;

/** A choice of role, shown by display name ("QA Manager"), for the Users dialogs. FX thread. */
final class RoleChoice {
    private RoleChoice() {
    }

    static ChoiceBox<Role> of(String id, Role initial) {
        ChoiceBox<Role> c = new ChoiceBox<>();
        c.setId(id);
        c.getItems().setAll(Role.values());
        c.setValue(initial);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(Role r) {
                return r == null ? "" : r.displayName();
            }

            @Override
            public Role fromString(String s) {
                for (Role r : Role.values()) {
                    if (r.displayName().equals(s)) {
                        return r;
                    }
                }
                return null;
            }
        });
        return c;
    }
}
