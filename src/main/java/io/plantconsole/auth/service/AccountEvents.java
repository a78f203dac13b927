package io.plantconsole.auth.service;

import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEntry;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.kernel.util.CanonicalJson;
import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an account change the way every account command does: row, audit event and outbox entry together. */
final class AccountEvents {
    static final String RESOURCE = "user_account";

    private final UserStore users;
    private final AuditTrail audit;

    AccountEvents(UserStore users, AuditTrail audit) {
        this.users = users;
        this.audit = audit;
    }

    /** Inserts {@code created}, audits it as CREATE by {@code actor} and queues it for the centre. */
    void created(LocalTx tx, Session actor, UserAccount created, String reason) {
        users.insert(tx, created);
        audit.record(tx, new AuditEntry(actorId(actor), actorRole(actor), AuditAction.CREATE, RESOURCE,
                created.id().toString(), null, visible(created), reason));
        enqueue(tx, 0, created);
    }

    /** Writes {@code after} (version bumped by the caller) and audits the fields that changed. */
    void changed(LocalTx tx, Session actor, AuditAction action, UserAccount before, UserAccount after, String reason) {
        users.update(tx, after);
        Map<String, String> old = visible(before);
        Map<String, String> neu = visible(after);
        Map<String, String> oldChanged = new LinkedHashMap<>();
        Map<String, String> newChanged = new LinkedHashMap<>();
        for (String k : neu.keySet()) {
            if (!java.util.Objects.equals(old.get(k), neu.get(k))) {
                oldChanged.put(k, old.get(k));
                newChanged.put(k, neu.get(k));
            }
        }
        audit.record(tx, new AuditEntry(actorId(actor), actorRole(actor), action, RESOURCE, after.id().toString(),
                oldChanged.isEmpty() ? null : oldChanged, newChanged.isEmpty() ? null : newChanged, reason));
        enqueue(tx, before.version(), after);
    }

    /** Audits an event that changes no account row (a failed sign-in of an unknown name, a session lock). */
    void note(LocalTx tx, String userId, String role, AuditAction action, String resourceId, Map<String, String> value,
            String reason) {
        audit.record(tx, new AuditEntry(userId, role, action, RESOURCE, resourceId, null, value, reason));
    }

    /** Queues {@code a} for the centre as a change made on {@code baseVersion} (0: a new account). */
    private void enqueue(LocalTx tx, long baseVersion, UserAccount a) {
        CanonicalJson json = new CanonicalJson();
        visible(a).forEach(json::field);
        tx.enqueue(RESOURCE, a.id(), baseVersion, a.version(), json.toJson());
    }

    /** The fields an audit record and the centre may see: never the password hash. */
    static Map<String, String> visible(UserAccount a) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("display_name", a.displayName());
        m.put("role", a.role().name());
        m.put("status", a.status().name());
        m.put("must_change_password", Boolean.toString(a.mustChangePassword()));
        m.put("locked_until", text(a.lockedUntil()));
        m.put("sso_subject", a.ssoSubject());
        return m;
    }

    static String actorId(Session s) {
        return s == null ? null : s.userId().toString();
    }

    static String actorRole(Session s) {
        return s == null ? null : s.role().name();
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
