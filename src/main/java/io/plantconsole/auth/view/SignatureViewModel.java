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
import io.plantconsole.ui.task.TaskLane;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One electronic signature being given: what is signed, its meaning, the signer's reason, and the re-authentication
 * (the password again, or a fresh sign-in at the identity provider for single sign-on sessions). The signed change runs
 * in the signature's transaction. Signing runs as a task on the {@code auth} lane ("Sign lot L-42 (Approval)"); its
 * busy flag is this dialog's.
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
    private final TaskLane lane;
    private final ObjectProperty<SignatureMeaning> meaning = new SimpleObjectProperty<>(SignatureMeaning.APPROVAL);
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<ElectronicSignature> result = new SimpleObjectProperty<>();

    public SignatureViewModel(SignatureService signatures, Optional<SingleSignOn> sso, Supplier<Session> session,
            Permission permission, SignedRecord record, SignatureMeaning meaning, SignedChange change,
            TaskLane lane) {
        this.signatures = signatures;
        this.sso = sso;
        this.session = session;
        this.permission = permission;
        this.record = record;
        this.change = change;
        this.lane = lane;
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
        ReadOnlyBooleanProperty busy = lane.busyProperty();
        return Bindings.createBooleanBinding(() -> !busy.get() && !reason.get().isBlank() && result.get() == null,
                busy, reason, result);
    }

    /** Signs with the password (wiped afterwards) or, for single sign-on sessions, a fresh sign-in. */
    public void sign(char[] password) {
        message.set(usesSingleSignOn() ? "Confirm who you are in the browser window…" : "");
        SignatureMeaning m = meaning.get();
        String why = reason.get();
        boolean viaSso = usesSingleSignOn();
        lane.submit("Sign " + recordText() + " (" + m.displayName() + ")", p -> {
            try {
                if (viaSso) {
                    Session s = session.get();
                    SingleSignOn provider = sso.orElseThrow(() -> new SsoException(SsoException.Reason.INVALID_RESPONSE,
                            "Single sign-on is not configured at this console: the record cannot be signed."));
                    String subject = s == null ? "" : signatures.providerSubject(s).orElse("");
                    return signatures.signWithSso(permission, record, m, why,
                            provider.reauthenticate(subject, Duration.ofMinutes(3)), change);
                }
                return signatures.signWithPassword(permission, record, m, why, password, change);
            } finally {
                Arrays.fill(password, '\0');
            }
        }, done -> {
            message.set("Signed: " + done.manifestation());
            result.set(done);
        }, failure -> {
            Arrays.fill(password, '\0'); // a task cancelled before it ran never reached its own wipe
            Throwable e = failure.cause();
            message.set(failure.cancelled() ? "The record was not signed: " + failure.words() + "."
                    : e instanceof AuthException || e instanceof SsoException || e instanceof AccessDeniedException
                            ? e.getMessage() : "The record was not signed: " + failure.words());
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

    /** Whether signing runs (the {@code auth} lane is busy). */
    public ReadOnlyBooleanProperty busyProperty() {
        return lane.busyProperty();
    }

    /** The signature once given; {@code null} before. */
    public ObjectProperty<ElectronicSignature> resultProperty() {
        return result;
    }
}
