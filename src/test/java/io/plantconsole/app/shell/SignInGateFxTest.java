package io.plantconsole.app.shell;

import io.plantconsole.auth.AuthFeature;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.testing.TestUi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.auth.view.SignInViewModel.Mode;
import io.plantconsole.telemetry.view.TelemetryFixture;
import io.plantconsole.testing.AuthFixture;
import io.plantconsole.ui.task.BackgroundTask;
import io.plantconsole.ui.task.BackgroundTasks;
import io.plantconsole.ui.task.TaskStatusItem;
import io.plantconsole.ui.task.TaskTexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The sign-in gate over the real shell, with the real identity services over a local store in a temp folder. */
@ExtendWith(ApplicationExtension.class)
class SignInGateFxTest {
    private TelemetryFixture plant;
    private AuthFixture auth;
    private MainWindow window;
    private char[] oneTimePassword;

    @Start
    void start(Stage stage) throws Exception {
        plant = new TelemetryFixture(Clock.systemDefaultZone());
        auth = new AuthFixture(Files.createTempDirectory("pc-gate"));
        auth.actingAs = new Session(new java.util.UUID(0, 7), "setup", "Set-up", Role.ADMIN, Session.Method.PASSWORD,
                auth.clock.instant());
        UserAdminService.Issued issued = auth.admin.create("olivia", "Olivia Operator", Role.OPERATOR);
        auth.actingAs = null;
        oneTimePassword = issued.oneTimePassword();
        Path exports = Files.createTempDirectory("pc-exports");
        window = MainWindow.create(TestUi.withIdentity(plant.hub, plant.pipeline, plant.source, plant.clock, exports,
                auth));
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> window.dispose());
        plant.close();
        auth.close();
    }

    private Mode mode() {
        return window.signInGate().orElseThrow().model().modeProperty().get();
    }

    @Test
    void nothingOfThePlantShowsUntilSomeoneSignsIn(FxRobot robot) {
        assertThat(mode()).isEqualTo(Mode.SIGN_IN);
        assertThat(robot.lookup(".sign-in-gate").query().isVisible()).isTrue();
        assertThat(robot.lookup(".shell").query().isVisible()).isFalse();
    }

    @Test
    void wrongPasswordIsRefusedInWordsAndTheGateStays(FxRobot robot) {
        robot.clickOn("#usernameField").write("olivia");
        robot.clickOn("#passwordField").write("not the password");
        robot.clickOn("#signInButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#messageLabel").queryAs(Label.class)
                .getText().contains("wrong"));
        assertThat(robot.lookup("#messageLabel").queryAs(Label.class).getText())
                .isEqualTo("The user name or the password is wrong.");
        assertThat(mode()).isEqualTo(Mode.SIGN_IN);
    }

    @Test
    void enterSubmitsTheVisibleFormOnEveryPaneOfTheGate(FxRobot robot) {
        robot.clickOn("#usernameField").write("olivia");
        robot.clickOn("#passwordField").write(new String(oneTimePassword));
        robot.press(javafx.scene.input.KeyCode.ENTER).release(javafx.scene.input.KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.CHANGE_PASSWORD);

        robot.clickOn("#currentField").write(new String(oneTimePassword));
        robot.clickOn("#newField").write("roasted nibs at dawn");
        robot.clickOn("#repeatField").write("roasted nibs at dawn");
        robot.press(javafx.scene.input.KeyCode.ENTER).release(javafx.scene.input.KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.OPEN);

        robot.clickOn("#lockButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.UNLOCK);
        robot.clickOn("#unlockPasswordField").write("roasted nibs at dawn");
        robot.press(javafx.scene.input.KeyCode.ENTER).release(javafx.scene.input.KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.OPEN);
    }

    @Test
    void oneTimePasswordLeadsToThePasswordChangeThenTheShellWithTheUserInTheStatusBar(FxRobot robot) {
        robot.clickOn("#usernameField").write("olivia");
        robot.clickOn("#passwordField").write(new String(oneTimePassword));
        robot.clickOn("#signInButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.CHANGE_PASSWORD);
        assertThat(robot.lookup(".shell").query().isVisible()).as("not before the password is changed").isFalse();

        robot.clickOn("#currentField").write(new String(oneTimePassword));
        robot.clickOn("#newField").write("roasted nibs at dawn");
        robot.clickOn("#repeatField").write("roasted nibs at dawn");
        robot.clickOn("#changeButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.OPEN);
        assertThat(robot.lookup(".shell").query().isVisible()).isTrue();
        assertThat(robot.lookup("#userLabel").queryAs(Label.class).getText()).isEqualTo("Olivia Operator · Operator");
        // the navigation mirrors the permission table: an Operator may not open the audit log or manage users
        javafx.scene.control.ToggleButton audit = robot.lookup("#nav-audit").queryAs(
                javafx.scene.control.ToggleButton.class);
        assertThat(audit.isDisabled()).isTrue();
        assertThat(audit.getTooltip().getText()).isEqualTo(
                "An Operator may not view the audit log: this needs the role QA Manager or Admin.");
        assertThat(robot.lookup("#nav-users").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#nav-trends").query().isDisabled()).isFalse();
        robot.interact(() -> window.navigate(AuthFeature.USERS));
        assertThat(window.current()).as("the shell refuses a screen the role may not open").isEqualTo(TelemetryFeature.OVERVIEW);

        // the lock button locks the screen; the password unlocks it
        robot.clickOn("#lockButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.UNLOCK);
        assertThat(robot.lookup(".shell").query().isVisible()).isFalse();
        assertThat(robot.lookup("#lockedUserLabel").queryAs(Label.class).getText())
                .isEqualTo("Olivia Operator (Operator)");
        robot.clickOn("#unlockPasswordField").write("roasted nibs at dawn");
        robot.clickOn("#unlockButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.OPEN);

        robot.clickOn("#signOutButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.SIGN_IN);
        List<String> actions = auth.auditStore.find(AuditQuery.latest(50)).stream().map(AuditEvent::action).toList();
        assertThat(actions).containsSubsequence("LOGOUT", "SESSION_UNLOCKED", "SESSION_LOCKED", "PASSWORD_CHANGED",
                "LOGIN");
        // each step ran as a named task on the auth lane, listed by the status bar's task item
        assertThat(tasks(robot).recent()).extracting(BackgroundTask::name).containsSubsequence("Sign out",
                "Unlock the screen", "Lock the screen", "Change own password", "Sign in as olivia");
        assertThat(tasks(robot).recent()).allSatisfy(t -> assertThat(t.lane()).isEqualTo("auth"));
    }

    private static BackgroundTasks tasks(FxRobot robot) {
        return robot.lookup("#taskStatus").queryAs(TaskStatusItem.class).getTasks();
    }

    @Test
    void theStatusBarShowsTheScreensRunningTaskAndListsTheTasks(FxRobot robot) throws Exception {
        auth.signedIn("quinn", Role.QA_MANAGER);
        await().atMost(Duration.ofSeconds(5)).until(() -> mode() == Mode.OPEN);
        robot.clickOn("#nav-audit");
        robot.clickOn("#verifyLocalButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#chainTextLabel").queryAs(Label.class)
                .getText().startsWith("Chain intact"));
        TaskStatusItem item = robot.lookup("#taskStatus").queryAs(TaskStatusItem.class);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            robot.interact(() -> item.getTasks().lane("audit").submit("Export audit log to PDF",
                    p -> {
                        p.update(0.4, "Writing event 120 of 300");
                        release.await();
                        return null;
                    }, r -> { }));
            await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#taskStatusLabel").queryAs(Label.class)
                    .getText().equals("1 task · Export audit log to PDF 40 %"));
            assertThat(robot.lookup("#verifyLocalButton").queryButton().isDisabled())
                    .as("the Audit screen waits for its lane").isTrue();
            screenshot(robot, "#taskStatus", "SHELL_TASKS_PNG");
            robot.clickOn("#taskStatus");
            await().atMost(Duration.ofSeconds(5)).until(item::isListShowing);
            assertThat(robot.lookup(".task-name").queryAll()).extracting(n -> ((Label) n).getText())
                    .contains("Export audit log to PDF", "Verify local audit chain", "Load audit events");
            screenshot(robot, "#taskList", "SHELL_TASK_LIST_PNG");
            robot.interact(item::hideList);
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#taskStatusLabel").queryAs(Label.class)
                .getText().equals(TaskTexts.IDLE));
    }

    /** With {@code <env>=<file>} in the environment, writes the window holding {@code node} (for review). */
    private static void screenshot(FxRobot robot, String node, String env) {
        String file = System.getenv(env);
        if (file == null || file.isBlank()) {
            return;
        }
        robot.interact(() -> {
            try {
                io.plantconsole.ui.PngExport.write(robot.lookup(node).query().getScene().snapshot(null),
                        Path.of(file));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void idleSessionLocksItself(FxRobot robot) {
        auth.signedIn("sam", Role.SUPERVISOR);
        await().atMost(Duration.ofSeconds(5)).until(() -> mode() == Mode.OPEN);
        auth.clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> mode() == Mode.UNLOCK);
        assertThat(robot.lookup(".shell").query().isVisible()).isFalse();
        assertThat(tasks(robot).recent()).extracting(BackgroundTask::name)
                .containsExactly("Lock the screen (no activity for 10 min)");
    }
}
