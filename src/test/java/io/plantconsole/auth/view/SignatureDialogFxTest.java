package io.plantconsole.auth.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.auth.model.ElectronicSignature;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.model.SignatureMeaning;
import io.plantconsole.auth.service.SignatureService;
import io.plantconsole.auth.service.SignatureService.SignedRecord;
import io.plantconsole.testing.AuthFixture;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import io.plantconsole.ui.task.BackgroundTasks;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The signature dialog over the real signature service and a real local store. */
@ExtendWith(ApplicationExtension.class)
class SignatureDialogFxTest {
    private AuthFixture auth;
    private SignatureDialog dialog;
    private final BackgroundTasks tasks = BackgroundTasks.threaded();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final SignedRecord lot = new SignedRecord("lot", "L-2026-0042", "{\"grade\":\"I\"}");

    @Start
    void start(Stage stage) throws Exception {
        auth = new AuthFixture(Files.createTempDirectory("pc-sign"));
        auth.signedIn("quinn", Role.QA_MANAGER);
        StackPane root = new StackPane();
        root.getStylesheets().addAll(io.plantconsole.app.shell.MainWindow.stylesheetUrls());
        stage.setScene(new Scene(root, 400, 300));
        stage.show();
        SignatureViewModel model = new SignatureViewModel(auth.signatures, Optional.empty(), auth.login::current,
                Permission.QA_RELEASE, lot, SignatureMeaning.APPROVAL, tx -> changed.set(true),
                tasks.lane("auth"));
        dialog = new SignatureDialog(model, "QA release of lot L-2026-0042", stage);
        dialog.dialog().show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> dialog.dialog().close());
        tasks.close();
        auth.close();
    }

    @Test
    void signsOnlyWithAReasonAndTheRightPasswordAndClosesWithTheSignature(FxRobot robot) {
        Button sign = (Button) dialog.dialog().getDialogPane().lookupButton(SignatureDialog.SIGN);
        assertThat(sign.isDisabled()).as("no reason yet").isTrue();
        robot.clickOn("#signatureReason").write("cut test within grade I");
        assertThat(sign.isDisabled()).isFalse();

        robot.clickOn("#signaturePassword").write("not my password");
        robot.clickOn(sign);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#signatureMessage").queryAs(Label.class)
                .getText().contains("wrong"));
        assertThat(dialog.dialog().isShowing()).as("stays open after a wrong password").isTrue();
        assertThat(changed).isFalse();
        assertThat(auth.signatures.signaturesOf("lot", lot.resourceId())).isEmpty();

        robot.clickOn("#signaturePassword").write(AuthFixture.PASSWORD);
        String png = System.getenv("SIGNATURE_PNG");
        if (png != null) {
            robot.interact(() -> {
                try {
                    io.plantconsole.ui.PngExport.write(dialog.dialog().getDialogPane().getScene().snapshot(null),
                            java.nio.file.Path.of(png));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        robot.clickOn(sign);
        await().atMost(Duration.ofSeconds(10)).until(() -> !dialog.dialog().isShowing());
        ElectronicSignature signed = dialog.dialog().getResult();
        assertThat(signed).isNotNull();
        assertThat(signed.meaning()).isEqualTo(SignatureMeaning.APPROVAL);
        assertThat(SignatureService.holdsFor(signed, lot)).isTrue();
        assertThat(changed).as("the signed change ran in the signature's transaction").isTrue();
        assertThat(auth.signatures.signaturesOf("lot", lot.resourceId())).containsExactly(signed);
        assertThat(auth.auditStore.find(new AuditQuery(null, null, null, AuditAction.SIGN, null, null, 5)))
                .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("cut test within grade I"));
        assertThat(tasks.recent()).extracting(t -> t.name()).containsOnly("Sign lot L-2026-0042 (Approval)");
    }
}
