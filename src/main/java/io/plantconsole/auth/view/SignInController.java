package io.plantconsole.auth.view;

import io.plantconsole.auth.view.SignInViewModel.Mode;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The sign-in gate's view: one card with the form of the current mode. Covers the whole shell while nobody is signed
 * in, the screen is locked, or a one-time password must be replaced. FX thread.
 */
public final class SignInController {
    /** The gate's FXML resource. */
    public static final String FXML = "/fxml/auth/SignIn.fxml";
    private final SignInViewModel model;
    private final String hint;

    @FXML private StackPane gateRoot;
    @FXML private Label subtitleLabel;
    @FXML private VBox signInPane;
    @FXML private TextField usernameField;
    @FXML private PasswordField passwordField;
    @FXML private Button signInButton;
    @FXML private Button ssoButton;
    @FXML private VBox unlockPane;
    @FXML private Label lockedUserLabel;
    @FXML private PasswordField unlockPasswordField;
    @FXML private Button unlockButton;
    @FXML private VBox changePane;
    @FXML private PasswordField currentField;
    @FXML private PasswordField newField;
    @FXML private PasswordField repeatField;
    @FXML private Button changeButton;
    @FXML private Label messageLabel;
    @FXML private Label hintLabel;

    /**
     * @param hint a line under the form (demo mode: where the one-time passwords are), or empty
     */
    public SignInController(SignInViewModel model, String hint) {
        this.model = model;
        this.hint = hint;
    }

    @FXML
    private void initialize() {
        ssoButton.setVisible(model.ssoAvailable());
        ssoButton.setManaged(model.ssoAvailable());
        messageLabel.textProperty().bind(model.messageProperty());
        lockedUserLabel.textProperty().bind(model.lockedUserProperty());
        hintLabel.setText(hint);
        hintLabel.setVisible(!hint.isBlank());
        for (Button b : new Button[] {signInButton, ssoButton, unlockButton, changeButton}) {
            b.disableProperty().bind(model.busyProperty());
        }
        // Enter submits the form that is showing: only the visible pane's button is the default one (a hidden
        // default button would otherwise take Enter, whichever registered last).
        signInButton.defaultButtonProperty().bind(signInPane.visibleProperty());
        unlockButton.defaultButtonProperty().bind(unlockPane.visibleProperty());
        changeButton.defaultButtonProperty().bind(changePane.visibleProperty());
        model.modeProperty().addListener((o, a, m) -> show(m));
        show(model.modeProperty().get());
    }

    private void show(Mode m) {
        gateRoot.setVisible(m != Mode.OPEN);
        signInPane.setVisible(m == Mode.SIGN_IN);
        signInPane.setManaged(m == Mode.SIGN_IN);
        unlockPane.setVisible(m == Mode.UNLOCK);
        unlockPane.setManaged(m == Mode.UNLOCK);
        changePane.setVisible(m == Mode.CHANGE_PASSWORD);
        changePane.setManaged(m == Mode.CHANGE_PASSWORD);
        subtitleLabel.setText(switch (m) {
            case SIGN_IN -> "Sign in to watch and run the plant.";
            case UNLOCK -> "The screen is locked. Enter your password to go on.";
            case CHANGE_PASSWORD -> "Your password was given to you by an Admin. Choose your own now.";
            case OPEN -> "";
        });
        passwordField.clear();
        unlockPasswordField.clear();
        currentField.clear();
        newField.clear();
        repeatField.clear();
        switch (m) {
            case SIGN_IN -> usernameField.requestFocus();
            case UNLOCK -> unlockPasswordField.requestFocus();
            case CHANGE_PASSWORD -> currentField.requestFocus();
            default -> { }
        }
    }

    @FXML
    private void onSignIn() {
        model.signIn(usernameField.getText(), take(passwordField));
    }

    @FXML
    private void onSso() {
        model.signInWithSso();
    }

    @FXML
    private void onUnlock() {
        model.unlock(take(unlockPasswordField));
    }

    @FXML
    private void onChange() {
        model.changePassword(take(currentField), take(newField), take(repeatField));
    }

    @FXML
    private void onSignOut() {
        model.signOut();
    }

    /** The field's characters, and the field emptied. */
    private static char[] take(PasswordField f) {
        char[] chars = f.getText().toCharArray();
        f.clear();
        return chars;
    }

    public StackPane root() {
        return gateRoot;
    }

    public SignInViewModel model() {
        return model;
    }

    /** For tests: types into the sign-in form and signs in. */
    public void signInForTest(String username, String password) {
        usernameField.setText(username);
        passwordField.setText(password);
        onSignIn();
    }
}
