package io.plantconsole.auth.view;

import io.plantconsole.kernel.identity.Role;
import io.plantconsole.ui.ViewLifecycle;
import io.plantconsole.ui.dialog.Dialogs;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * Users screen (Admin): accounts with their role, status, last sign-in and lockout; new user, change role, disable,
 * enable, reset password and unlock, each asking for a reason in a dialog that names the account ({@link Dialogs}).
 * One-time passwords are shown once, in a dialog, and wiped when it closes. Refresh: on show and after every command.
 * Binds only; {@link UsersViewModel} decides. FX thread.
 */
public final class UsersController implements ViewLifecycle {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    /** This screen's stylesheet (its FXML loads it; its dialogs get it from there). */
    public static final String STYLESHEET = "/styles/auth.css";

    private final UsersViewModel vm;
    private Dialogs dialogs;

    @FXML private StackPane usersRoot;
    @FXML private Label unavailableLabel;
    @FXML private BorderPane contentPane;
    @FXML private Label countLabel;
    @FXML private TextField filterField;
    @FXML private Button newUserButton;
    @FXML private Button changeRoleButton;
    @FXML private Button disableButton;
    @FXML private Button enableButton;
    @FXML private Button resetPasswordButton;
    @FXML private Button unlockButton;
    @FXML private HBox messageBar;
    @FXML private Label messageLabel;
    @FXML private TableView<UserRow> usersTable;
    @FXML private TableColumn<UserRow, String> usernameColumn;
    @FXML private TableColumn<UserRow, String> displayNameColumn;
    @FXML private TableColumn<UserRow, String> roleColumn;
    @FXML private TableColumn<UserRow, String> statusColumn;
    @FXML private TableColumn<UserRow, String> lastSignInColumn;
    @FXML private TableColumn<UserRow, String> failedColumn;
    @FXML private TableColumn<UserRow, String> lockedUntilColumn;
    @FXML private TableColumn<UserRow, String> mustChangeColumn;
    @FXML private TableColumn<UserRow, String> methodColumn;

    public UsersController(UsersViewModel vm) {
        this.vm = vm;
    }

    public UsersViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        dialogs = new Dialogs(usersRoot, "users-dialog");
        boolean available = vm.available();
        unavailableLabel.setText(UserCommands.UNAVAILABLE);
        unavailableLabel.setVisible(!available);
        contentPane.setVisible(available);
        contentPane.setManaged(available);
        countLabel.textProperty().bind(vm.countTextProperty());
        filterField.textProperty().addListener((o, a, b) -> vm.setFilter(b));
        bind(newUserButton, vm.newUserCommand());
        bind(changeRoleButton, vm.changeRoleCommand());
        bind(disableButton, vm.disableCommand());
        bind(enableButton, vm.enableCommand());
        bind(resetPasswordButton, vm.resetPasswordCommand());
        bind(unlockButton, vm.unlockCommand());
        messageLabel.textProperty().bind(vm.messageProperty());
        messageBar.visibleProperty().bind(Bindings.isNotEmpty(vm.messageProperty()));
        messageBar.managedProperty().bind(messageBar.visibleProperty());
        vm.messageErrorProperty().addListener((o, a, b) -> messageBar.pseudoClassStateChanged(ERROR, b));
        column(usernameColumn, UserRow::username);
        usernameColumn.setCellFactory(c -> new UserBadgeCell());
        column(displayNameColumn, UserRow::displayName);
        column(roleColumn, UserRow::roleText);
        column(statusColumn, UserRow::status);
        column(lastSignInColumn, UserRow::lastSignIn);
        column(failedColumn, UserRow::failedAttempts);
        column(lockedUntilColumn, UserRow::lockedUntil);
        column(mustChangeColumn, UserRow::mustChangePassword);
        column(methodColumn, UserRow::signInMethod);
        usersTable.setItems(vm.rows());
        usersTable.setRowFactory(t -> new UserTableRow());
        usersTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.select(b));
        vm.rows().addListener((ListChangeListener<UserRow>) c -> reselect(vm.selectedProperty().get()));
        vm.selectedProperty().addListener((o, a, b) -> reselect(b));
        vm.setOnPasswordIssued(issued -> dialogs.showSecret(issued.secret()));
    }

    private void reselect(UserRow row) {
        var model = usersTable.getSelectionModel();
        if (row == null) {
            if (model.getSelectedItem() != null) {
                model.clearSelection();
            }
            return;
        }
        if (row.equals(model.getSelectedItem())) {
            return;
        }
        int i = usersTable.getItems().indexOf(row);
        if (i >= 0) {
            model.select(i);
        }
    }

    private static void bind(Button b, UserCommand c) {
        b.disableProperty().bind(c.disabledProperty());
        b.setTooltip(tooltip(c));
        // a disabled button gets no mouse events, so its own tooltip never shows: while it is disabled, the
        // wrapper around it (a tooltip-host in the FXML) shows the same text, which then says why
        Tooltip why = tooltip(c);
        Node host = b.getParent();
        Runnable sync = () -> {
            if (b.isDisabled()) {
                Tooltip.install(host, why);
            } else {
                Tooltip.uninstall(host, why);
            }
        };
        b.disabledProperty().addListener((o, was, is) -> sync.run());
        sync.run();
    }

    private static Tooltip tooltip(UserCommand c) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(c.tooltipProperty());
        tip.setShowDuration(Duration.seconds(20));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        return tip;
    }

    private static void column(TableColumn<UserRow, String> c, Function<UserRow, String> f) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())).getReadOnlyProperty());
    }

    // ------------------------------------------------------------------------------------------ handlers

    @FXML
    private void onNewUser() {
        NewUserDialog.ask(dialogs, vm.newUserPrompt())
                .ifPresent(u -> vm.create(u.username(), u.displayName(), u.role()));
    }

    @FXML
    private void onChangeRole() {
        vm.changeRolePrompt().ifPresent(p -> {
            Role current = vm.selectedProperty().get().role();
            ChoiceBox<Role> role = RoleChoice.of("roleChoice", current);
            dialogs.askReason(p, List.of(new Dialogs.Field("New role", role)), role.valueProperty().isEqualTo(current))
                    .ifPresent(reason -> vm.changeRole(role.getValue(), reason));
        });
    }

    @FXML
    private void onDisable() {
        vm.disablePrompt().flatMap(dialogs::askReason).ifPresent(vm::disable);
    }

    @FXML
    private void onEnable() {
        vm.enablePrompt().flatMap(dialogs::askReason).ifPresent(vm::enable);
    }

    @FXML
    private void onResetPassword() {
        vm.resetPasswordPrompt().flatMap(dialogs::askReason).ifPresent(vm::resetPassword);
    }

    @FXML
    private void onUnlock() {
        vm.unlockPrompt().flatMap(dialogs::askReason).ifPresent(vm::unlock);
    }

    @Override
    public void onShow() {
        vm.refresh();
    }

    @Override
    public void onHide() {
    }
}
