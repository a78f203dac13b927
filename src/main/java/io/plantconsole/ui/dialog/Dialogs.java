package io.plantconsole.ui.dialog;

import io.plantconsole.ui.Stylesheets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The console's dialogs, one look and one behaviour for every screen: a confirmation that says what will happen
 * (Cancel is the default), a form, a reason prompt (the confirm button stays disabled until a reason is given; Enter
 * confirms, Shift+Enter starts a new line) and a one-time secret shown once with a Copy button and wiped when its
 * dialog closes. Each dialog is owned by the window of the node it was made for and styled like it (its scene's and
 * parents' stylesheets, the {@value #STYLE_CLASS} style class and the screen's own classes).
 *
 * <p>FX thread. Every method blocks in a nested event loop until its dialog closes ({@code showAndWait}).
 */
public final class Dialogs {
    /** Style class of every dialog pane (styles/app.css). */
    public static final String STYLE_CLASS = "pc-dialog";
    public static final String CANCEL = "Cancel";
    public static final String CLOSE = "Close";
    public static final String COPY = "Copy";
    public static final String COPIED = "Copied";
    public static final String REASON_LABEL = "Reason";
    public static final String REASON_HINT = "Why? The reason goes into the audit trail.";
    /** Node ids, for tests and for the people who script the console's screenshots. */
    public static final String REASON_FIELD_ID = "reasonField";
    public static final String SECRET_FIELD_ID = "secretField";
    public static final String SECRET_INSTRUCTION_ID = "secretInstruction";
    public static final String COPY_SECRET_BUTTON_ID = "copySecretButton";

    /** One labelled row of a form. */
    public record Field(String label, Node control) {
        public Field {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(control, "control");
        }
    }

    private final Node owner;
    private final List<String> styleClasses;

    /**
     * @param owner        a node of the screen the dialogs belong to: their owner window and stylesheets come from
     *                     where it sits when a dialog opens
     * @param styleClasses the screen's own style classes for its dialog panes (for example {@code users-dialog})
     */
    public Dialogs(Node owner, String... styleClasses) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.styleClasses = List.of(styleClasses);
    }

    /** Asks before a command with consequences; true only when the person chose {@link Confirmation#confirmText}. */
    public boolean confirm(Confirmation c) {
        ButtonType yes = new ButtonType(c.confirmText(), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(CANCEL, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, c.consequences(), yes, no);
        alert.setTitle(c.title());
        alert.setHeaderText(c.header());
        alert.getDialogPane().setMinWidth(560);
        style(alert);
        ((Button) alert.getDialogPane().lookupButton(no)).setDefaultButton(true);
        ((Button) alert.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    /**
     * Shows a form laid out by the caller; true when confirmed. The confirm button is disabled while {@code invalid}
     * holds; {@code focus} (may be null) gets the keyboard focus when the dialog is shown.
     */
    public boolean form(DialogPrompt p, Node content, ObservableBooleanValue invalid, Node focus) {
        ButtonType ok = new ButtonType(p.confirmText(), ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> d = dialog(p, content, ok, new ButtonType(CANCEL, ButtonBar.ButtonData.CANCEL_CLOSE));
        d.getDialogPane().lookupButton(ok).disableProperty().bind(invalid);
        if (focus != null) {
            d.setOnShown(e -> focus.requestFocus());
        }
        return d.showAndWait().filter(ok::equals).isPresent();
    }

    /** Asks for a reason; the reason (stripped), or empty when cancelled. */
    public Optional<String> askReason(DialogPrompt p) {
        return askReason(p, List.of(), null);
    }

    /**
     * Asks for a reason under the {@code extra} rows (for example the new role); the reason (stripped), or empty when
     * cancelled. The confirm button is disabled until a reason is given and while {@code extraInvalid} (may be null)
     * holds.
     */
    public Optional<String> askReason(DialogPrompt p, List<Field> extra, ObservableBooleanValue extraInvalid) {
        TextArea reason = new TextArea();
        reason.setId(REASON_FIELD_ID);
        reason.setPromptText(REASON_HINT);
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        List<Field> rows = new ArrayList<>(extra);
        rows.add(new Field(REASON_LABEL, reason));
        ButtonType ok = new ButtonType(p.confirmText(), ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> d = dialog(p, grid(rows), ok, new ButtonType(CANCEL, ButtonBar.ButtonData.CANCEL_CLOSE));
        Button okButton = (Button) d.getDialogPane().lookupButton(ok);
        BooleanBinding invalid = extraInvalid == null
                ? Bindings.createBooleanBinding(() -> !DialogPrompt.reasonGiven(reason.getText()),
                        reason.textProperty())
                : Bindings.createBooleanBinding(() -> !DialogPrompt.reasonGiven(reason.getText())
                        || extraInvalid.get(), reason.textProperty(), extraInvalid);
        okButton.disableProperty().bind(invalid);
        reason.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
                e.consume();
                if (!okButton.isDisabled()) {
                    okButton.fire();
                }
            }
        });
        d.setOnShown(e -> reason.requestFocus());
        return d.showAndWait().filter(ok::equals).map(b -> reason.getText().strip());
    }

    /**
     * Shows a one-time secret once, with a Copy button; when the dialog closes, the field is emptied and the secret
     * wiped ({@link OneTimeSecret#wipe()}), also when showing it failed.
     */
    public void showSecret(OneTimeSecret s) {
        try {
            TextField field = new TextField(new String(s.secret()));
            field.setId(SECRET_FIELD_ID);
            field.setEditable(false);
            field.getStyleClass().add("secret-field");
            Button copy = new Button(COPY);
            copy.setId(COPY_SECRET_BUTTON_ID);
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(field.getText());
                Clipboard.getSystemClipboard().setContent(content);
                copy.setText(COPIED);
            });
            HBox box = new HBox(8, field, copy);
            box.getStyleClass().add("secret-box");
            Label instruction = new Label(s.instruction());
            instruction.setId(SECRET_INSTRUCTION_ID);
            instruction.setWrapText(true);
            VBox content = new VBox(10, instruction, box);
            content.getStyleClass().add("secret-content");
            Dialog<ButtonType> d = dialog(new DialogPrompt(s.title(), s.header(), CLOSE), content,
                    new ButtonType(CLOSE, ButtonBar.ButtonData.OK_DONE));
            d.showAndWait();
            field.setText("");
        } finally {
            s.wipe();
        }
    }

    /** A two-column form: label, control. */
    public static GridPane grid(List<Field> rows) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("dialog-form");
        grid.setHgap(10);
        grid.setVgap(8);
        int r = 0;
        for (Field f : rows) {
            grid.addRow(r++, new Label(f.label()), f.control());
        }
        return grid;
    }

    private Dialog<ButtonType> dialog(DialogPrompt p, Node content, ButtonType... buttons) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(p.title());
        DialogPane pane = d.getDialogPane();
        pane.setHeaderText(p.header());
        pane.setContent(content);
        pane.setMinWidth(520);
        pane.getButtonTypes().setAll(buttons);
        style(d);
        return d;
    }

    private void style(Dialog<?> d) {
        DialogPane pane = d.getDialogPane();
        pane.getStyleClass().add(STYLE_CLASS);
        pane.getStyleClass().addAll(styleClasses);
        pane.getStylesheets().setAll(Stylesheets.around(owner));
        if (owner.getScene() != null && owner.getScene().getWindow() != null) {
            d.initOwner(owner.getScene().getWindow());
        }
    }
}
