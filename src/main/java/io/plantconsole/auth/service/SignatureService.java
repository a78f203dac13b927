package io.plantconsole.auth.service;

import io.plantconsole.kernel.identity.Authorizer;
import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEntry;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.auth.model.ElectronicSignature;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.model.SignatureMeaning;
import io.plantconsole.auth.model.SsoIdentity;
import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.kernel.tx.LocalTransactions;
import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Electronic signatures (21 CFR Part 11 style): the signer proves who they are again at the moment of signing (their
 * password, or a fresh sign-in at the identity provider), the signature records name, UTC time and meaning, and it is
 * bound to the hash of the signed record's content. The signature row, its SIGN audit event and its outbox entry are
 * written in the same transaction as the signed change itself.
 *
 * <p>Background threads only (password hashing, disk).
 */
public final class SignatureService {
    /** The outbox record type of signatures. */
    public static final String RECORD_TYPE = "e_signature";
    /** How fresh a single sign-on must be to count as signing now. */
    public static final Duration SSO_FRESHNESS = Duration.ofMinutes(5);

    /** The record being signed, as the feature that owns it sees it. */
    public record SignedRecord(String resourceType, String resourceId, String canonicalContent) {
        public SignedRecord {
            Objects.requireNonNull(resourceType, "resourceType");
            Objects.requireNonNull(resourceId, "resourceId");
            Objects.requireNonNull(canonicalContent, "canonicalContent");
        }
    }

    private final LocalTransactions store;
    private final LoginService login;
    private final SignatureStore signatures;
    private final UserStore users;
    private final AuditTrail audit;
    private final Clock clock;
    private final UuidV7 ids;

    public SignatureService(LocalTransactions store, LoginService login, SignatureStore signatures, UserStore users,
            AuditTrail audit, Clock clock, UuidV7 ids) {
        this.store = store;
        this.login = login;
        this.signatures = signatures;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Signs {@code record} with the signed-in person's password and runs {@code change} (the signed state change, e.g.
     * a QA release) in the same transaction.
     *
     * @param permission what the signature authorises; the signer's role must hold it
     * @param reason     why, in the signer's words (required)
     * @throws AuthException BAD_CREDENTIALS when the password is wrong (the count towards the account lock goes on)
     */
    public ElectronicSignature signWithPassword(Permission permission, SignedRecord record, SignatureMeaning meaning,
            String reason, char[] password, SignedChange change) {
        Session s = Authorizer.require(login.currentChecked(), permission);
        if (s.method() != Session.Method.PASSWORD) {
            throw new AuthException(AuthException.Reason.INVALID_INPUT,
                    "You signed in with single sign-on: sign with the identity provider.");
        }
        requireReason(reason);
        if (!login.verifyCurrentPassword(s, password)) {
            throw new AuthException(AuthException.Reason.BAD_CREDENTIALS,
                    "The password is wrong: the record was not signed.");
        }
        return write(s, permission, record, meaning, reason, "password", change);
    }

    /**
     * Signs {@code record} after a fresh sign-in at the identity provider ({@link SingleSignOn#reauthenticate}).
     *
     * @throws SsoException WRONG_USER when the identity is not the signed-in person, or the sign-in is not fresh
     */
    public ElectronicSignature signWithSso(Permission permission, SignedRecord record, SignatureMeaning meaning,
            String reason, SsoIdentity fresh, SignedChange change) {
        Session s = Authorizer.require(login.currentChecked(), permission);
        requireReason(reason);
        String subject = fresh.issuer() + "|" + fresh.subject();
        UserAccount account = store.inTransaction(tx -> users.byId(tx, s.userId())).orElseThrow();
        if (!subject.equals(account.ssoSubject())) {
            throw new SsoException(SsoException.Reason.WRONG_USER,
                    "Someone else signed in at the identity provider: the record was not signed.");
        }
        if (Duration.between(fresh.authTime(), clock.instant()).abs().compareTo(SSO_FRESHNESS) > 0) {
            throw new SsoException(SsoException.Reason.WRONG_USER,
                    "The identity provider did not ask for your credentials again: the record was not signed.");
        }
        return write(s, permission, record, meaning, reason, "single sign-on", change);
    }

    /** The identity provider's subject of a single sign-on session's account, to ask it to re-authenticate. */
    public Optional<String> providerSubject(Session s) {
        return store.inTransaction(tx -> users.byId(tx, s.userId())).map(UserAccount::ssoSubject)
                .map(subject -> subject.substring(subject.lastIndexOf('|') + 1));
    }

    /** The signatures of one record, oldest first. */
    public List<ElectronicSignature> signaturesOf(String resourceType, String resourceId) {
        return store.inTransaction(tx -> signatures.forRecord(tx, resourceType, resourceId));
    }

    /**
     * Whether {@code signature} still holds for {@code record}: it names this record, its own fields are unchanged,
     * and the record's content hashes to what was signed.
     */
    public static boolean holdsFor(ElectronicSignature signature, SignedRecord record) {
        return signature.resourceType().equals(record.resourceType())
                && signature.resourceId().equals(record.resourceId())
                && sha256(signature.canonical()).equals(signature.signatureHash())
                && sha256(record.canonicalContent()).equals(signature.recordHash());
    }

    /** SHA-256 in hex of a record's canonical content. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private ElectronicSignature write(Session s, Permission permission, SignedRecord record, SignatureMeaning meaning,
            String reason, String method, SignedChange change) {
        Instant now = clock.instant();
        UUID id = ids.next();
        ElectronicSignature unsealed = new ElectronicSignature(id, s.userId(), s.displayName(), s.role(), meaning,
                record.resourceType(), record.resourceId(), sha256(record.canonicalContent()), now, "-", new UUID(0, 0));
        String signatureHash = sha256(unsealed.canonical());
        return store.inTransaction(tx -> {
            change.applyIn(tx);
            Map<String, String> value = new LinkedHashMap<>();
            value.put("signature_id", id.toString());
            value.put("meaning", meaning.name());
            value.put("statement", meaning.statement());
            value.put("record_hash", unsealed.recordHash());
            value.put("signature_hash", signatureHash);
            value.put("method", method);
            value.put("authorises", permission.name());
            AuditEvent event = audit.record(tx, new AuditEntry(s.userId().toString(), s.role().name(),
                    AuditAction.SIGN, record.resourceType(), record.resourceId(), null, value, reason));
            ElectronicSignature sealed = new ElectronicSignature(id, s.userId(), s.displayName(), s.role(), meaning,
                    record.resourceType(), record.resourceId(), unsealed.recordHash(), unsealed.signedAt(),
                    signatureHash, event.id());
            signatures.insert(tx, sealed);
            tx.enqueue(RECORD_TYPE, id, 1, sealed.toPayloadJson());
            return sealed;
        });
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new AuthException(AuthException.Reason.INVALID_INPUT, "Give a reason: it is part of the signature.");
        }
    }
}
