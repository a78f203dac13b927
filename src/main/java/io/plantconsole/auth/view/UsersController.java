package io.plantconsole.auth.view;

import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.view.UsersViewModel.Command;
import io.plantconsole.auth.view.UsersViewModel.IssuedPassword;
import io.plantconsole.auth.view.UsersViewModel.Prompt;
import io.plantconsole.auth.view.UsersViewModel.UserRow;
import io.plantconsole.ui.ViewLifecycle;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Users screen (Admin): accounts with their role, status, last sign-in and lockout; new user, change role, disable,
 * enable, reset password and unlock, each asking for a reason in a dialog that names the account. One-time passwords
 * are shown once, in a dialog, and wiped when it closes. Refresh: on show and after every command. FX thread.
 */
public final class UsersController implements ViewLifecycle {
    private static final PseudoClass ACCOUNT_DISABLED = PseudoClass.getPseudoClass("account-disabled");
    private static final PseudoClass LOCKED = PseudoClass.getPseudoClass("locked");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    /** This screen's stylesheet (also given to its dialogs). */
    public static final String STYLESHEET = "/styles/auth.css";

    private final UsersViewModel vm;

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
        boolean available = vm.available();
        unavailableLabel.setText(UsersViewModel.UNAVAILABLE);
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
        usernameColumn.setCellFactory(c -> new BadgeCell());
        column(displayNameColumn, UserRow::displayName);
        column(roleColumn, UserRow::roleText);
        column(statusColumn, UserRow::status);
        column(lastSignInColumn, UserRow::lastSignIn);
        column(failedColumn, UserRow::failedAttempts);
        column(lockedUntilColumn, UserRow::lockedUntil);
        column(mustChangeColumn, UserRow::mustChangePassword);
        column(methodColumn, UserRow::signInMethod);
        usersTable.setItems(vm.rows());
        usersTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(UserRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(ACCOUNT_DISABLED, !empty && item != null && item.disabled());
                pseudoClassStateChanged(LOCKED, !empty && item != null && item.locked());
            }
        });
        usersTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.select(b));
        vm.rows().addListener((ListChangeListener<UserRow>) c -> reselect(vm.selectedProperty().get()));
        vm.selectedProperty().addListener((o, a, b) -> reselect(b));
        vm.setOnPasswordIssued(this::showPassword);
    }

    /** The user name with a text badge ({@code DISABLED}, {@code LOCKED}) after it: never colour alone. */
    private static final class BadgeCell extends TableCell<UserRow, String> {
        private final Label badge = new Label();

        BadgeCell() {
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

    private static void bind(Button b, Command c) {
        b.disableProperty().bind(c.disabledProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(c.tooltipProperty());
        tip.setShowDuration(javafx.util.Duration.seconds(20));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        b.setTooltip(tip);
        // a disabled button gets no mouse events, so its own tooltip never shows: while it is disabled, the
        // wrapper around it (a tooltip-host in the FXML) shows the same text, which then says why
        Tooltip why = new Tooltip();
        why.textProperty().bind(c.tooltipProperty());
        why.setShowDuration(javafx.util.Duration.seconds(20));
        why.setWrapText(true);
        why.setMaxWidth(420);
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

    private static void column(TableColumn<UserRow, String> c, Function<UserRow, String> f) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())).getReadOnlyProperty());
    }

    // ------------------------------------------------------------------------------------------ handlers

    @FXML
    private void onNewUser() {
        Prompt p = vm.newUserPrompt();
        TextField username = new TextField();
        username.setId("newUsernameField");
        username.setPromptText("e.g. j.doe");
        TextField displayName = new TextField();
        displayName.setId("newDisplayNameField");
        displayName.setPromptText("e.g. Jane Doe");
        ChoiceBox<Role> role = roleChoice("newRoleChoice", Role.OPERATOR);
        GridPane grid = form();
        grid.addRow(0, new Label("User name"), username);
        grid.addRow(1, new Label("Display name"), displayName);
        grid.addRow(2, new Label("Role"), role);
        ButtonType ok = new ButtonType(p.confirmText(), ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> d = dialog(p, grid, ok);
        d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(
                () -> username.getText() == null || username.getText().isBlank(), username.textProperty()));
        javafx.application.Platform.runLater(username::requestFocus);
        if (d.showAndWait().filter(ok::equals).isPresent()) {
            vm.create(username.getText(), displayName.getText(), role.getValue());
        }
    }

    @FXML
    private void onChangeRole() {
        vm.changeRolePrompt().ifPresent(p -> {
            Role current = vm.selectedProperty().get().role();
            ChoiceBox<Role> role = roleChoice("roleChoice", current);
            askReason(p, role, () -> role.getValue() != current, role.valueProperty())
                    .ifPresent(reason -> vm.changeRole(role.getValue(), reason));
        });
    }

    @FXML
    private void onDisable() {
        vm.disablePrompt().flatMap(p -> askReason(p, null, () -> true)).ifPresent(vm::disable);
    }

    @FXML
    private void onEnable() {
        vm.enablePrompt().flatMap(p -> askReason(p, null, () -> true)).ifPresent(vm::enable);
    }

    @FXML
    private void onResetPassword() {
        vm.resetPasswordPrompt().flatMap(p -> askReason(p, null, () -> true)).ifPresent(vm::resetPassword);
    }

    @FXML
    private void onUnlock() {
        vm.unlockPrompt().flatMap(p -> askReason(p, null, () -> true)).ifPresent(vm::unlock);
    }

    // ------------------------------------------------------------------------------------------ dialogs

    /** Asks for a reason (and shows {@code extra}, the role choice); empty when cancelled. */
    private Optional<String> askReason(Prompt p, Node extra, java.util.function.BooleanSupplier extraValid,
            javafx.beans.Observable... extraDeps) {
        TextArea reason = new TextArea();
        reason.setId("reasonField");
        reason.setPromptText("Why? The reason goes into the audit trail.");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        GridPane grid = form();
        int row = 0;
        if (extra != null) {
            grid.addRow(row++, new Label("New role"), extra);
        }
        grid.addRow(row, new Label("Reason"), reason);
        ButtonType ok = new ButtonType(p.confirmText(), ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> d = dialog(p, grid, ok);
        List<javafx.beans.Observable> deps = new ArrayList<>(List.of(extraDeps));
        deps.add(reason.textProperty());
        d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(
                () -> !UsersViewModel.reasonGiven(reason.getText()) || !extraValid.getAsBoolean(),
                deps.toArray(javafx.beans.Observable[]::new)));
        javafx.application.Platform.runLater(reason::requestFocus);
        return d.showAndWait().filter(ok::equals).map(b -> reason.getText().strip());
    }

    /** Shows a one-time password once, with a Copy button; wipes it when the dialog closes. */
    private void showPassword(IssuedPassword issued) {
        try {
            TextField field = new TextField(new String(issued.password()));
            field.setId("oneTimePasswordField");
            field.setEditable(false);
            field.getStyleClass().add("otp-field");
            Button copy = new Button("Copy");
            copy.setId("copyPasswordButton");
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(field.getText());
                Clipboard.getSystemClipboard().setContent(content);
                copy.setText("Copied");
            });
            HBox box = new HBox(8, field, copy);
            box.getStyleClass().add("otp-box");
            Label instruction = new Label(issued.instruction());
            instruction.setId("oneTimePasswordInstruction");
            instruction.setWrapText(true);
            VBox content = new VBox(10, instruction, box);
            content.getStyleClass().add("otp-content");
            ButtonType close = new ButtonType("Close", ButtonBar.ButtonData.OK_DONE);
            Dialog<ButtonType> d = dialog(new Prompt(issued.title(), "Shown only now: note it before closing",
                    "Close"), content, null, close);
            d.showAndWait();
            field.setText("");
        } finally {
            issued.wipe();
        }
    }

    private Dialog<ButtonType> dialog(Prompt p, Node content, ButtonType ok) {
        return dialog(p, content, ok, null);
    }

    private Dialog<ButtonType> dialog(Prompt p, Node content, ButtonType ok, ButtonType only) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(p.title());
        DialogPane pane = d.getDialogPane();
        pane.setHeaderText(p.header());
        pane.setContent(content);
        pane.getStyleClass().add("users-dialog");
        pane.setMinWidth(520);
        if (only != null) {
            pane.getButtonTypes().setAll(only);
        } else {
            pane.getButtonTypes().setAll(ok, new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE));
        }
        pane.getStylesheets().setAll(stylesheets());
        if (usersRoot.getScene() != null) {
            d.initOwner(usersRoot.getScene().getWindow());
        }
        return d;
    }

    /** The stylesheets that style this screen (the shell's, the scene's and this screen's), for its dialogs. */
    private List<String> stylesheets() {
        List<String> out = new ArrayList<>();
        if (usersRoot.getScene() != null) {
            out.addAll(usersRoot.getScene().getStylesheets());
        }
        List<Parent> chain = new ArrayList<>();
        for (Parent p = usersRoot; p != null; p = p.getParent()) {
            chain.add(0, p);
        }
        for (Parent p : chain) {
            p.getStylesheets().stream().filter(s -> !out.contains(s)).forEach(out::add);
        }
        URL own = UsersController.class.getResource(STYLESHEET);
        if (own != null && !out.contains(own.toExternalForm())) {
            out.add(own.toExternalForm());
        }
        return out;
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("users-form");
        grid.setHgap(10);
        grid.setVgap(8);
        return grid;
    }

    private static ChoiceBox<Role> roleChoice(String id, Role initial) {
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

    @Override
    public void onShow() {
        vm.refresh();
    }

    @Override
    public void onHide() {
    }
}
