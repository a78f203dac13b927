package io.plantconsole.auth.view;

import io.plantconsole.kernel.identity.Role;
import io.plantconsole.ui.dialog.DialogPrompt;
import io.plantconsole.ui.dialog.Dialogs;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;

/** The "New user" form: user name (required), display name and role. FX thread; blocks until it closes. */
final class NewUserDialog {
    /** What the form returns when confirmed. */
    record NewUser(String username, String displayName, Role role) {
    }

    private NewUserDialog() {
    }

    static Optional<NewUser> ask(Dialogs dialogs, DialogPrompt prompt) {
        TextField username = new TextField();
        username.setId("newUsernameField");
        username.setPromptText("e.g. j.doe");
        TextField displayName = new TextField();
        displayName.setId("newDisplayNameField");
        displayName.setPromptText("e.g. Jane Doe");
        ChoiceBox<Role> role = RoleChoice.of("newRoleChoice", Role.OPERATOR);
        boolean ok = dialogs.form(prompt, Dialogs.grid(List.of(new Dialogs.Field("User name", username),
                new Dialogs.Field("Display name", displayName), new Dialogs.Field("Role", role))),
                Bindings.createBooleanBinding(() -> username.getText() == null || username.getText().isBlank(),
                        username.textProperty()), username);
        return ok ? Optional.of(new NewUser(username.getText(), displayName.getText(), role.getValue()))
                : Optional.empty();
    }
}
