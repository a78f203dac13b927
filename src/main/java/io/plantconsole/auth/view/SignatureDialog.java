package io.plantconsole.auth.view;

import io.plantconsole.auth.model.ElectronicSignature;
import io.plantconsole.auth.model.SignatureMeaning;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The signature manifestation dialog (21 CFR 11.50 / 11.200): names the record, the signer and the meaning with its
 * statement, asks for a reason and the password again (or a fresh sign-in at the identity provider). It stays open on
 * a wrong password and closes with the signature once it is given. FX thread.
 */
public final class SignatureDialog {
    /** The signing button's type; {@code lookupButton(SIGN)} finds it. */
    public static final ButtonType SIGN = new ButtonType("Sign", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<ElectronicSignature> dialog = new Dialog<>();
    private final SignatureViewModel model;
    private final PasswordField password = new PasswordField();
    private final TextArea reason = new TextArea();

    public SignatureDialog(SignatureViewModel model, String action, Window owner) {
        this.model = model;
        dialog.setTitle("Electronic signature");
        dialog.setHeaderText("Sign: " + action);
        if (owner != null) {
            dialog.initOwner(owner);
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
            if (owner.getScene().getRoot() != null) {
                dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getRoot().getStylesheets());
            }
        }
        dialog.getDialogPane().getStyleClass().add("signature-dialog");

        ChoiceBox<SignatureMeaning> meaning = new ChoiceBox<>();
        meaning.getItems().setAll(SignatureMeaning.values());
        meaning.valueProperty().bindBidirectional(model.meaningProperty());
        meaning.setConverter(new StringConverter<>() {
            @Override
            public String toString(SignatureMeaning m) {
                return m == null ? "" : m.displayName();
            }

            @Override
            public SignatureMeaning fromString(String s) {
                return null;
            }
        });
        Label statement = new Label();
        statement.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.meaningProperty().get() == null ? "" : model.meaningProperty().get().statement(),
                model.meaningProperty()));
        statement.getStyleClass().add("signature-statement");
        reason.setPromptText("Why you sign (goes into the audit trail)");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        reason.setId("signatureReason");
        model.reasonProperty().bind(reason.textProperty());
        password.setId("signaturePassword");
        password.setPromptText(model.usesSingleSignOn() ? "not needed: the identity provider asks" : "your password");
        password.setDisable(model.usesSingleSignOn());
        Label message = new Label();
        message.setId("signatureMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Record"), new Label(model.recordText()));
        grid.addRow(1, new Label("Signer"), new Label(model.signer()));
        grid.addRow(2, new Label("Meaning"), new VBox(4, meaning, statement));
        grid.addRow(3, new Label("Reason"), reason);
        grid.addRow(4, new Label(model.usesSingleSignOn() ? "Identity provider" : "Password"), password);
        grid.add(message, 0, 5, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(SIGN, ButtonType.CANCEL);

        Button sign = (Button) dialog.getDialogPane().lookupButton(SIGN);
        sign.disableProperty().bind(model.canSign().not());
        sign.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume(); // stays open until the service answers
            char[] chars = password.getText().toCharArray();
            password.clear();
            model.sign(chars);
        });
        model.resultProperty().addListener((o, a, signed) -> {
            if (signed != null) {
                dialog.setResult(signed);
                dialog.close();
            }
        });
        dialog.setResultConverter(b -> b == SIGN ? model.resultProperty().get() : null);
    }

    /** Shows the dialog and waits; the signature, or empty when cancelled. */
    public Optional<ElectronicSignature> showAndWait() {
        return dialog.showAndWait();
    }

    /** The dialog itself (tests, non-blocking show). */
    public Dialog<ElectronicSignature> dialog() {
        return dialog;
    }

    public SignatureViewModel model() {
        return model;
    }
}
