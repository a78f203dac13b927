package io.plantconsole.auth.view;

import io.plantconsole.testing.TestUi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.app.shell.ControllerFactory;
import io.plantconsole.app.shell.MainWindow;
import io.plantconsole.app.shell.UiServices;
import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.auth.model.AccountStatus;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Permissions;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.auth.service.AuthException;
import io.plantconsole.sync.view.EmptyOutbox;
import io.plantconsole.telemetry.view.TelemetryFixture;
import io.plantconsole.testing.AuthFixture;
import io.plantconsole.ui.dialog.Dialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Users screen over the real identity services (local SQLite store in a temporary folder, real Argon2id at a low
 * cost), signed in as an Admin, then as an Operator. Asserts on the store and the audit trail, not only the table.
 */
@ExtendWith(ApplicationExtension.class)
class UsersFxTest {
    @TempDir
    Path dir;
    private AuthFixture f;
    private TelemetryFixture plant;
    private ControllerFactory factory;
    private UsersController controller;

    @Start
    void start(Stage stage) throws Exception {
        f = new AuthFixture(dir);
        f.signedIn("ada", Role.ADMIN);
        plant = new TelemetryFixture(f.clock);
        UiServices services = TestUi.withIdentity(plant.hub, plant.pipeline, plant.source, f.clock,
                Files.createTempDirectory(dir, "exports"), f);
        factory = ControllerFactory.standard(services);
        ControllerFactory.Loaded<UsersController> loaded = factory.load("/fxml/auth/Users.fxml");
        controller = loaded.controller();
        Scene scene = new Scene(loaded.root(), 1280, 640);
        scene.getStylesheets().addAll(MainWindow.stylesheetUrls());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> controller.dispose());
        factory.close();
        plant.close();
        f.close();
    }

    private void show(FxRobot robot) {
        robot.interact(controller::onShow);
        waitUntil(() -> !controller.viewModel().busyProperty().get());
    }

    private static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met in 15 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableView<UserRow> table(FxRobot robot) {
        return robot.lookup("#usersTable").queryTableView();
    }

    private Optional<UserRow> row(FxRobot robot, String username) {
        return table(robot).getItems().stream().filter(r -> r.username().equals(username)).findFirst();
    }

    private UserAccount stored(String username) {
        return f.store.inTransaction(tx -> f.users.byUsername(tx, username)).orElseThrow();
    }

    private static void clickDialogButton(FxRobot robot, String text) {
        Button b = robot.lookup((Node n) -> n instanceof Button x && text.equals(x.getText())
                && n.getScene() != null && n.getScene().getRoot() instanceof DialogPane).queryButton();
        robot.clickOn(b);
    }

    private void select(FxRobot robot, String username) {
        TableView<UserRow> t = table(robot);
        robot.interact(() -> t.getSelectionModel().select(row(robot, username).orElseThrow()));
        assertThat(controller.viewModel().selectedProperty().get().username()).isEqualTo(username);
    }

    /** Reads the one-time password dialog, checks its text and closes it; returns the password. */
    private String takeOneTimePassword(FxRobot robot, String displayName) {
        waitUntil(() -> robot.lookup("#" + Dialogs.SECRET_FIELD_ID).tryQuery().isPresent());
        String otp = robot.lookup("#" + Dialogs.SECRET_FIELD_ID).queryAs(TextField.class).getText();
        assertThat(robot.lookup("#" + Dialogs.SECRET_INSTRUCTION_ID).queryAs(Label.class).getText())
                .isEqualTo("Give this one-time password to " + displayName
                        + " in person; it must be changed at the first sign-in");
        dialogScreenshot(robot, "#" + Dialogs.SECRET_FIELD_ID, "USERS_OTP_PNG");
        clickDialogButton(robot, "Close");
        waitUntil(() -> robot.lookup("#" + Dialogs.SECRET_FIELD_ID).tryQuery().isEmpty());
        return otp;
    }

    private void giveReason(FxRobot robot, String reason, String confirm) {
        Button ok = robot.lookup((Node n) -> n instanceof Button x && confirm.equals(x.getText())
                && n.getScene() != null && n.getScene().getRoot() instanceof DialogPane).queryButton();
        assertThat(ok.isDisabled()).as("no reason yet").isTrue();
        robot.clickOn("#reasonField").write(reason);
        assertThat(ok.isDisabled()).isFalse();
        dialogScreenshot(robot, "#reasonField", "USERS_REASON_PNG");
        robot.clickOn(ok);
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> !controller.viewModel().busyProperty().get());
    }

    @Test
    void anAdminCreatesAUserChangesTheRoleDisablesAndResetsThePassword(FxRobot robot) {
        show(robot);
        assertThat(table(robot).getItems()).extracting(UserRow::username).containsExactly("ada");

        // new user: the one-time password is shown once and lets the person sign in (to change it)
        robot.clickOn("#newUserButton");
        robot.clickOn("#newUsernameField").write("j.doe");
        robot.clickOn("#newDisplayNameField").write("Jane Doe");
        clickDialogButton(robot, "Create account");
        String otp = takeOneTimePassword(robot, "Jane Doe");
        assertThat(otp).hasSize(19).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
        waitUntil(() -> row(robot, "j.doe").isPresent() && !controller.viewModel().busyProperty().get());
        assertThat(row(robot, "j.doe").orElseThrow()).satisfies(r -> {
            assertThat(r.roleText()).isEqualTo("Operator");
            assertThat(r.status()).isEqualTo("Active");
            assertThat(r.mustChangePassword()).isEqualTo("yes");
            assertThat(r.signInMethod()).isEqualTo("password");
            assertThat(r.lastSignIn()).isEqualTo(UserRows.NEVER);
        });
        assertThat(stored("j.doe").role()).isEqualTo(Role.OPERATOR);
        assertThat(f.login.login("j.doe", otp.toCharArray())).isNotNull();
        assertThat(f.login.state().passwordChangeRequired()).isTrue();
        f.login.login("ada", AuthFixture.PASSWORD.toCharArray()); // the Admin again
        assertThat(controller.viewModel().selectedProperty().get().username()).isEqualTo("j.doe");

        // change role, with a reason: the row, the store and the audit trail agree
        robot.clickOn("#changeRoleButton");
        ChoiceBox<Role> role = robot.lookup("#roleChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> role.setValue(Role.SUPERVISOR));
        giveReason(robot, "Shift lead from December", "Change role");
        waitUntil(() -> "Supervisor".equals(row(robot, "j.doe").map(UserRow::roleText).orElse("")));
        assertThat(stored("j.doe").role()).isEqualTo(Role.SUPERVISOR);
        List<AuditEvent> events = f.auditStore.find(AuditQuery.latest(50));
        assertThat(events).filteredOn(e -> e.action().equals(AuditAction.ROLE_CHANGED.name())).singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo("Shift lead from December");
                    assertThat(e.resourceId()).isEqualTo(stored("j.doe").id().toString());
                });
        assertThat(robot.lookup("#messageLabel").queryAs(Label.class).getText())
                .isEqualTo("Changed the role of Jane Doe (j.doe) from Operator to Supervisor.");

        // disable: status Disabled with a badge, sign-in refused
        select(robot, "j.doe");
        robot.clickOn("#disableButton");
        giveReason(robot, "Left the company", "Disable");
        waitUntil(() -> "Disabled".equals(row(robot, "j.doe").map(UserRow::status).orElse("")));
        assertThat(row(robot, "j.doe").orElseThrow().badge()).isEqualTo(UserRows.BADGE_DISABLED);
        assertThat(stored("j.doe").status()).isEqualTo(AccountStatus.DISABLED);
        assertThatThrownBy(() -> f.login.login("j.doe", otp.toCharArray())).isInstanceOf(AuthException.class)
                .extracting(e -> ((AuthException) e).reason()).isEqualTo(AuthException.Reason.ACCOUNT_DISABLED);
        assertThat(robot.lookup("#disableButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#enableButton").queryButton().isDisabled()).isFalse();

        // reset password: a new one-time password, shown once; the old one stops working
        String hashBefore = stored("j.doe").passwordHash();
        robot.clickOn("#resetPasswordButton");
        giveReason(robot, "Forgot it", "Reset password");
        String fresh = takeOneTimePassword(robot, "Jane Doe");
        assertThat(fresh).hasSize(19).isNotEqualTo(otp);
        UserAccount after = stored("j.doe");
        assertThat(after.passwordHash()).isNotEqualTo(hashBefore);
        assertThat(after.mustChangePassword()).isTrue();
        assertThat(f.hasher.verify(fresh.toCharArray(), after.passwordHash())).isTrue();
        assertThat(f.hasher.verify(otp.toCharArray(), after.passwordHash())).isFalse();
        assertThat(f.auditStore.find(AuditQuery.latest(50))).extracting(AuditEvent::action)
                .contains(AuditAction.ACCOUNT_DISABLED.name(), AuditAction.PASSWORD_RESET.name());

        // the Admin cannot disable their own account
        select(robot, "ada");
        Button disable = robot.lookup("#disableButton").queryButton();
        assertThat(disable.isDisabled()).isTrue();
        assertThat(disable.getTooltip().getText()).isEqualTo("You cannot disable your own account");

        // every command ran as a named task on the Users lane, as the status bar's task list shows them
        assertThat(factory.tasks().recent()).extracting(io.plantconsole.ui.task.BackgroundTask::name)
                .contains("Create account j.doe", "Change the role of j.doe to Supervisor", "Disable account j.doe",
                        "Reset password of j.doe", "Read the user accounts");
        assertThat(factory.tasks().recent()).allSatisfy(t -> {
            assertThat(t.lane()).isEqualTo("users");
            assertThat(t.state()).isEqualTo(io.plantconsole.ui.task.TaskState.SUCCEEDED);
        });
    }

    @Test
    void anOperatorSeesEveryCommandDisabledWithTheReasonAndTheServiceRefusesToo(FxRobot robot) {
        f.signedIn("olivia", Role.OPERATOR);
        show(robot);
        String why = Permissions.whyNot(Role.OPERATOR, Permission.MANAGE_USERS).orElseThrow();
        for (String id : List.of("#newUserButton", "#changeRoleButton", "#disableButton", "#enableButton",
                "#resetPasswordButton", "#unlockButton")) {
            Button b = robot.lookup(id).queryButton();
            assertThat(b.isDisabled()).as(id).isTrue();
            assertThat(b.getTooltip().getText()).as(id).isEqualTo(why);
        }
        assertThat(table(robot).getItems()).isEmpty();
        assertThat(robot.lookup("#messageLabel").queryAs(Label.class).getText()).isEqualTo(why);
        assertThatThrownBy(() -> f.admin.list()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void lockedAndDisabledAccountsCarryBadgesAndUnlockClearsTheLockout(FxRobot robot) {
        var olivia = f.admin.create("olivia", "Olivia Operator", Role.OPERATOR);
        f.admin.create("sam", "Sam Supervisor", Role.SUPERVISOR);
        f.admin.create("quinn", "Quinn QA-Manager", Role.QA_MANAGER);
        var marek = f.admin.create("m.novak", "Marek Novak", Role.OPERATOR);
        f.login.login("m.novak", marek.oneTimePassword());
        f.login.changePassword(marek.oneTimePassword(), AuthFixture.PASSWORD.toCharArray());
        f.clock.advance(java.time.Duration.ofMinutes(42));
        f.login.login("ada", AuthFixture.PASSWORD.toCharArray());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> f.login.login("olivia", "wrong password".toCharArray()))
                    .isInstanceOf(AuthException.class);
        }
        assertThatThrownBy(() -> f.login.login("quinn", "typo".toCharArray())).isInstanceOf(AuthException.class);
        f.admin.disable(stored("sam").id(), "on leave until March");
        java.util.Arrays.fill(olivia.oneTimePassword(), '\0');
        java.util.Arrays.fill(marek.oneTimePassword(), '\0');
        show(robot);

        assertThat(table(robot).getItems()).extracting(UserRow::username)
                .containsExactly("ada", "m.novak", "olivia", "quinn", "sam");
        assertThat(row(robot, "olivia").orElseThrow()).satisfies(r -> {
            assertThat(r.badge()).isEqualTo(UserRows.BADGE_LOCKED);
            assertThat(r.failedAttempts()).isEqualTo("5");
            assertThat(r.lockedUntil()).isNotEqualTo(UserRows.NONE);
        });
        assertThat(row(robot, "sam").orElseThrow().badge()).isEqualTo(UserRows.BADGE_DISABLED);
        assertThat(robot.lookup(".account-badge").queryAll()).extracting(n -> ((Label) n).getText())
                .contains(UserRows.BADGE_LOCKED, UserRows.BADGE_DISABLED);

        robot.clickOn("#filterField").write("oli");
        assertThat(table(robot).getItems()).extracting(UserRow::username).containsExactly("olivia");
        robot.interact(() -> robot.lookup("#filterField").queryAs(TextField.class).clear());
        assertThat(table(robot).getItems()).hasSize(5);

        select(robot, "olivia");
        screenshot(robot);

        robot.clickOn("#unlockButton");
        giveReason(robot, "Called the control room, identity checked", "Unlock");
        waitUntil(() -> row(robot, "olivia").map(r -> r.badge().isEmpty()).orElse(false));
        UserAccount unlocked = stored("olivia");
        assertThat(unlocked.lockedUntil()).isNull();
        assertThat(unlocked.failedAttempts()).isZero();
        assertThat(f.auditStore.find(AuditQuery.latest(50))).extracting(AuditEvent::action)
                .contains(AuditAction.ACCOUNT_UNLOCKED.name());
    }

    @Test
    void withoutTheSignInGateTheScreenOnlySaysAccountManagementIsNotAvailable(FxRobot robot) throws Exception {
        ControllerFactory bare = ControllerFactory.standard(TestUi.services(plant.hub, plant.pipeline, plant.source,
                f.clock, Files.createTempDirectory(dir, "bare")));
        bare.register(UsersController.class, () -> new UsersController(new UsersViewModel(Optional.empty(),
                () -> null, io.plantconsole.ui.task.BackgroundTasks.synchronous().lane("users"), f.clock)));
        try {
            robot.interact(() -> {
                ControllerFactory.Loaded<UsersController> loaded = bare.load("/fxml/auth/Users.fxml");
                loaded.controller().onShow();
                Label label = (Label) loaded.root().lookup("#unavailableLabel");
                assertThat(label.isVisible()).isTrue();
                assertThat(label.getText()).isEqualTo("Account management is not available in this view");
                assertThat(loaded.root().lookup("#contentPane").isVisible()).isFalse();
                assertThat(loaded.controller().viewModel().rows()).isEmpty();
            });
        } finally {
            bare.close();
        }
    }

    /** With {@code <env>=<file>} in the environment, writes the open dialog holding {@code node} (for review). */
    private static void dialogScreenshot(FxRobot robot, String node, String env) {
        String file = System.getenv(env);
        if (file == null || file.isBlank()) {
            return;
        }
        robot.interact(() -> {
            try {
                Scene scene = robot.lookup(node).query().getScene();
                io.plantconsole.ui.PngExport.write(scene.snapshot(null), Path.of(file));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** With {@code USERS_PNG=<file>} in the environment, writes the screen (locked and disabled rows shown). */
    private static void screenshot(FxRobot robot) {
        String file = System.getenv("USERS_PNG");
        if (file == null || file.isBlank()) {
            return;
        }
        robot.interact(() -> {
            try {
                Parent root = robot.lookup("#usersRoot").queryAs(Parent.class);
                io.plantconsole.ui.PngExport.write(root.getScene().snapshot(null), Path.of(file));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
