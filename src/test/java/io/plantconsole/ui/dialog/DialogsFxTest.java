package io.plantconsole.ui.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.app.shell.MainWindow;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console's dialog service: confirmation, reason prompt and one-time secret, as a person uses them. */
@ExtendWith(ApplicationExtension.class)
class DialogsFxTest {
    private Dialogs dialogs;
    private StackPane screen;

    @Start
    void start(Stage stage) {
        screen = new StackPane(new Label("a screen"));
        screen.getStyleClass().add("screen");
        screen.getStylesheets().addAll(MainWindow.stylesheetUrls());
        stage.setScene(new Scene(screen, 600, 400));
        stage.show();
        dialogs = new Dialogs(screen, "test-dialog");
    }

    private static Button dialogButton(FxRobot robot, String text) {
        return robot.lookup((Node n) -> n instanceof Button b && text.equals(b.getText()) && n.getScene() != null
                && n.getScene().getRoot() instanceof DialogPane).queryButton();
    }

    private static DialogPane pane(FxRobot robot) {
        return robot.lookup((Node n) -> n instanceof DialogPane).queryAs(DialogPane.class);
    }

    @Test
    void aConfirmationSaysWhatWillHappenAndCancelIsTheDefault(FxRobot robot) throws Exception {
        Confirmation c = new Confirmation("Keep central version", "Keep the centre's version 2 of note 1?",
                "Your change is dropped. This cannot be undone.", "Yes, keep the centre's version");
        Future<Boolean> first = WaitForAsyncUtils.asyncFx(() -> dialogs.confirm(c));
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = pane(robot);
        assertThat(pane.getHeaderText()).isEqualTo("Keep the centre's version 2 of note 1?");
        assertThat(pane.getContentText()).isEqualTo("Your change is dropped. This cannot be undone.");
        assertThat(pane.getStyleClass()).contains(Dialogs.STYLE_CLASS, "test-dialog");
        assertThat(pane.getStylesheets()).containsAll(MainWindow.stylesheetUrls());
        assertThat(dialogButton(robot, Dialogs.CANCEL).isDefaultButton()).isTrue();
        assertThat(dialogButton(robot, "Yes, keep the centre's version").isDefaultButton()).isFalse();
        robot.clickOn(dialogButton(robot, Dialogs.CANCEL));
        assertThat(first.get(5, TimeUnit.SECONDS)).isFalse();

        Future<Boolean> second = WaitForAsyncUtils.asyncFx(() -> dialogs.confirm(c));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(dialogButton(robot, "Yes, keep the centre's version"));
        assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aReasonIsRequiredBeforeConfirmingAndEnterConfirms(FxRobot robot) throws Exception {
        DialogPrompt p = new DialogPrompt("Disable account", "Disable the account of Olivia Operator (olivia)?",
                "Disable");
        Future<Optional<String>> asked = WaitForAsyncUtils.asyncFx(() -> dialogs.askReason(p));
        WaitForAsyncUtils.waitForFxEvents();
        Button ok = dialogButton(robot, "Disable");
        assertThat(ok.isDisabled()).as("no reason yet").isTrue();
        assertThat(robot.lookup("#" + Dialogs.REASON_FIELD_ID).query().isFocused()).as("focus in the reason")
                .isTrue();
        robot.clickOn("#" + Dialogs.REASON_FIELD_ID).write("   ");
        robot.type(KeyCode.ENTER);
        assertThat(asked.isDone()).as("Enter does nothing without a reason").isFalse();
        assertThat(ok.isDisabled()).isTrue();
        robot.write("left the company ");
        assertThat(ok.isDisabled()).isFalse();
        robot.type(KeyCode.ENTER);
        assertThat(asked.get(5, TimeUnit.SECONDS)).contains("left the company");

        Future<Optional<String>> cancelled = WaitForAsyncUtils.asyncFx(() -> dialogs.askReason(p));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#" + Dialogs.REASON_FIELD_ID).write("typo");
        robot.clickOn(dialogButton(robot, Dialogs.CANCEL));
        assertThat(cancelled.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void extraRowsCanKeepTheReasonPromptInvalid(FxRobot robot) throws Exception {
        javafx.beans.property.SimpleBooleanProperty sameRole = new javafx.beans.property.SimpleBooleanProperty(true);
        Future<Optional<String>> asked = WaitForAsyncUtils.asyncFx(() -> dialogs.askReason(new DialogPrompt(
                "Change role", "Change the role of olivia (now Operator)", "Change role"),
                List.of(new Dialogs.Field("New role", new Label("Operator"))), sameRole));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#" + Dialogs.REASON_FIELD_ID).write("shift lead");
        Button ok = dialogButton(robot, "Change role");
        assertThat(ok.isDisabled()).as("the role did not change yet").isTrue();
        robot.interact(() -> sameRole.set(false));
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);
        assertThat(asked.get(5, TimeUnit.SECONDS)).contains("shift lead");
    }

    @Test
    void aOneTimeSecretIsShownOnceCanBeCopiedAndIsWipedWhenItsDialogCloses(FxRobot robot) throws Exception {
        char[] secret = "abcd-efgh-jkmn-pqrs".toCharArray();
        OneTimeSecret s = new OneTimeSecret("One-time password for j.doe", OneTimeSecret.SHOWN_ONCE,
                "Give this one-time password to Jane Doe in person", secret);
        assertThat(s.toString()).doesNotContain("abcd");
        Future<Void> shown = WaitForAsyncUtils.asyncFx(() -> dialogs.showSecret(s));
        WaitForAsyncUtils.waitForFxEvents();
        TextField field = robot.lookup("#" + Dialogs.SECRET_FIELD_ID).queryAs(TextField.class);
        assertThat(field.getText()).isEqualTo("abcd-efgh-jkmn-pqrs");
        assertThat(field.isEditable()).isFalse();
        assertThat(robot.lookup("#" + Dialogs.SECRET_INSTRUCTION_ID).queryAs(Label.class).getText())
                .isEqualTo("Give this one-time password to Jane Doe in person");
        assertThat(pane(robot).getHeaderText()).isEqualTo(OneTimeSecret.SHOWN_ONCE);
        Button copy = robot.lookup("#" + Dialogs.COPY_SECRET_BUTTON_ID).queryButton();
        robot.clickOn(copy);
        assertThat(copy.getText()).isEqualTo(Dialogs.COPIED);
        robot.interact(() -> assertThat(Clipboard.getSystemClipboard().getString())
                .isEqualTo("abcd-efgh-jkmn-pqrs"));
        robot.clickOn(dialogButton(robot, Dialogs.CLOSE));
        shown.get(5, TimeUnit.SECONDS);
        assertThat(secret).containsOnly('\0');
        assertThat(field.getText()).isEmpty();
    }
}
