package io.plantconsole.audit.view;

import io.plantconsole.audit.model.AuditChanges;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.identity.Role;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Audit screen's events in words: table rows, the detail pane's fields, times in the console's zone and in UTC,
 * role names, and user names learnt from the account events seen (the log records user ids; a QA manager may not
 * list accounts). Change lines come from {@link AuditChanges}, as in the exports. FX thread (it keeps the names).
 */
public final class AuditRows {
    /** Shown when a field's value is {@code null}. */
    public static final String NONE = AuditChanges.NONE;
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ZoneId zone;
    private final Map<String, String> names = new TreeMap<>();

    AuditRows(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code at} in the console's zone, {@code uuuu-MM-dd HH:mm:ss}. */
    String local(Instant at) {
        return LOCAL.format(at.atZone(zone));
    }

    ZoneId zone() {
        return zone;
    }

    /** Learns user names from the account events among {@code events}. */
    void learnNames(List<AuditEvent> events) {
        for (AuditEvent e : events) {
            if ("user_account".equals(e.resourceType()) && e.resourceId() != null && e.newValue() != null
                    && e.newValue().get("username") != null) {
                names.putIfAbsent(e.resourceId(), e.newValue().get("username"));
            }
        }
    }

    /** The user's name where known, else the id. */
    String name(String userId) {
        return names.getOrDefault(userId, userId);
    }

    /** "name (id)" where the name is known: how the user filter offers a user. */
    String userLabel(String userId) {
        String name = names.get(userId);
        return name == null ? userId : name + " (" + userId + ")";
    }

    /** The row of {@code e}; {@code brokenAtSeq}: where the last verification found the chain broken (0: nowhere). */
    EventRow row(AuditEvent e, long brokenAtSeq) {
        String user = e.userId() == null ? "(console)" : name(e.userId());
        String resource = e.resourceType() + (e.resourceId() == null ? "" : " " + e.resourceId());
        boolean broken = brokenAtSeq > 0 && e.seq() == brokenAtSeq;
        return new EventRow(e, (broken ? "✖ " : "") + e.seq(), local(e.occurredAt()), UTC.format(e.occurredAt()),
                user, roleName(e.role()), e.action(), resource, AuditChanges.oneLine(e),
                e.reason() == null ? "" : e.reason(), e.workstation(),
                e.hash().substring(0, Math.min(12, e.hash().length())), e.hash(), broken);
    }

    /** The detail pane's title for {@code row}. */
    static String title(EventRow row) {
        return "Event " + row.event().seq() + ": " + row.event().action() + " " + row.resource();
    }

    /** Every field of {@code row}'s event, one per line, each changed field as "old → new". */
    List<DetailRow> details(EventRow row) {
        AuditEvent e = row.event();
        List<DetailRow> out = new ArrayList<>();
        add(out, "seq", Long.toString(e.seq()));
        add(out, "id", e.id().toString());
        add(out, "console", e.consoleId());
        add(out, "time (local)", row.time() + " " + zone.getId());
        add(out, "time (UTC)", row.timeUtc());
        add(out, "user", row.user());
        add(out, "user id", e.userId());
        add(out, "role", e.role() == null ? null : roleName(e.role()) + " (" + e.role() + ")");
        add(out, "action", e.action());
        add(out, "resource type", e.resourceType());
        add(out, "resource id", e.resourceId());
        List<AuditChanges.Change> changes = AuditChanges.of(e);
        if (changes.isEmpty()) {
            add(out, "changes", NONE);
        }
        for (AuditChanges.Change c : changes) {
            add(out, "change: " + c.field(), c.value());
        }
        add(out, "reason", e.reason());
        add(out, "workstation", e.workstation());
        add(out, "IP (salted hash)", e.ipHash());
        add(out, "prev_hash", e.prevHash());
        add(out, "hash", e.hash());
        return out;
    }

    /** "QA Manager" for {@code QA_MANAGER}; a name that is no role (changed in SQL) as recorded. */
    static String roleName(String role) {
        if (role == null) {
            return "";
        }
        for (Role r : Role.values()) {
            if (r.name().equals(role)) {
                return r.displayName();
            }
        }
        return role;
    }

    private static void add(List<DetailRow> out, String field, String value) {
        out.add(new DetailRow(field, value == null ? NONE : value));
    }
}
