package io.plantconsole.auth.view;

import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.auth.model.ElectronicSignature;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.model.SignatureMeaning;
import io.plantconsole.auth.service.SignedChange;
import io.plantconsole.auth.service.AuthException;
import io.plantconsole.auth.service.SignatureService;
import io.plantconsole.auth.service.SignatureService.SignedRecord;
import io.plantconsole.auth.service.SingleSignOn;
import io.plantconsole.auth.service.SsoException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One electronic signature being given: what is signed, its meaning, the signer's reason, and the re-authentication
 * (the password again, or a fresh sign-in at the identity provider for single sign-on sessions). The signed change runs
 * in the signature's transaction. Commands run on {@code background}; results come back through {@code fx}.
 *
 * <p>FX thread.
 */
public final class SignatureViewModel {
    private final SignatureService signatures;
    private final Optional<SingleSignOn> sso;
    private final Supplier<Session> session;
    private final Permission permission;
    private final SignedRecord record;
    private final SignedChange change;
    private final Executor background;
    private final Consumer<Runnable> fx;
    private final ObjectProperty<SignatureMeaning> meaning = new SimpleObjectProperty<>(SignatureMeaning.APPROVAL);
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<ElectronicSignature> result = new SimpleObjectProperty<>();

    public SignatureViewModel(SignatureService signatures, Optional<SingleSignOn> sso, Supplier<Session> session,
            Permission permission, SignedRecord record, SignatureMeaning meaning, SignedChange change,
            Executor background, Consumer<Runnable> fx) {
        this.signatures = signatures;
        this.sso = sso;
        this.session = session;
        this.permission = permission;
        this.record = record;
        this.change = change;
        this.background = background;
        this.fx = fx;
        this.meaning.set(meaning);
    }

    /** Whether the signer proves themselves at the identity provider instead of with a password. */
    public boolean usesSingleSignOn() {
        Session s = session.get();
        return s != null && s.method() == Session.Method.SINGLE_SIGN_ON;
    }

    /** Who signs, as printed with the signature. */
    public String signer() {
        Session s = session.get();
        return s == null ? "nobody is signed in" : s.displayName() + " (" + s.role().displayName() + ")";
    }

    public String recordText() {
        return record.resourceType() + " " + record.resourceId();
    }

    /** Signing needs a reason and must not be running already. */
    public BooleanBinding canSign() {
        return Bindings.createBooleanBinding(() -> !busy.get() && !reason.get().isBlank() && result.get() == null,
                busy, reason, result);
    }

    /** Signs with the password (wiped afterwards) or, for single sign-on sessions, a fresh sign-in. */
    public void sign(char[] password) {
        busy.set(true);
        message.set(usesSingleSignOn() ? "Confirm who you are in the browser window…" : "");
        SignatureMeaning m = meaning.get();
        String why = reason.get();
        boolean viaSso = usesSingleSignOn();
        background.execute(() -> {
            ElectronicSignature signed = null;
            String error = null;
            try {
                if (viaSso) {
                    Session s = session.get();
                    SingleSignOn provider = sso.orElseThrow(() -> new SsoException(SsoException.Reason.INVALID_RESPONSE,
                            "Single sign-on is not configured at this console: the record cannot be signed."));
                    String subject = s == null ? "" : signatures.providerSubject(s).orElse("");
                    signed = signatures.signWithSso(permission, record, m, why,
                            provider.reauthenticate(subject, Duration.ofMinutes(3)), change);
                } else {
                    signed = signatures.signWithPassword(permission, record, m, why, password, change);
                }
            } catch (AuthException | SsoException | AccessDeniedException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                error = "The record was not signed: " + e.getMessage();
            } finally {
                Arrays.fill(password, '\0');
            }
            ElectronicSignature done = signed;
            String shown = error;
            fx.accept(() -> {
                busy.set(false);
                message.set(shown == null ? "Signed: " + done.manifestation() : shown);
                result.set(done);
            });
        });
    }

    public ObjectProperty<SignatureMeaning> meaningProperty() {
        return meaning;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The signature once given; {@code null} before. */
    public ObjectProperty<ElectronicSignature> resultProperty() {
        return result;
    }
}
