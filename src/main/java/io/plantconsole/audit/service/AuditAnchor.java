package io.plantconsole.audit.service;

import io.plantconsole.audit.model.AnchorVerification;
import io.plantconsole.audit.model.CentralAuditCopy;
import io.plantconsole.audit.model.CentralAuditCopy.Flag;
import io.plantconsole.audit.model.CentralAuditCopy.Registration;
import io.plantconsole.kernel.audit.AuditChain;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.kernel.audit.ChainVerification.Problem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the local chain against its anchor (ADR 0018): the centre's append-only copy must be a prefix of the local
 * chain, hash for hash and field for field at every central {@code seq}; the centre must not hold another chain for
 * this console's client id; and the centre must not have refused any of this console's events. A chain without a
 * secret can be rewritten and rehashed locally, or started afresh by deleting the store, and still be consistent with
 * itself: only the comparison with what the centre received earlier finds that.
 *
 * <p>Pure: reads nothing, any thread.
 */
public final class AuditAnchor {
    /** The verdict's source. */
    public static final String SOURCE = "local store against the central copy";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_VALUE = 60;

    private AuditAnchor() {
    }

    /**
     * @param consoleId this console's chain
     * @param local     the local chain in {@code seq} order, read after {@code central} (so that whatever the centre
     *                  holds was committed locally before)
     * @param central   what the centre holds about it
     */
    public static AnchorVerification compare(String consoleId, List<AuditEvent> local, CentralAuditCopy central) {
        Objects.requireNonNull(consoleId, "consoleId");
        ChainVerification l = AuditChain.verify("local store", consoleId, local);
        ChainVerification c = AuditChain.verify("central database", consoleId, central.events());
        List<String> notes = notes(consoleId, central);

        Optional<Registration> active = central.activeForOrigin();
        if (active.isPresent() && !active.get().consoleId().equals(consoleId)) {
            return broken(l, c, notes, consoleId, 1, local.isEmpty() ? null : local.get(0), Problem.RESTARTED,
                    restarted(active.get(), consoleId, local, central.origin()), central);
        }
        if (!c.intact()) {
            return new AnchorVerification(c, l, c, 0, 0, notes);
        }

        Map<Long, AuditEvent> bySeq = new HashMap<>();
        long maxLocal = 0;
        for (AuditEvent e : local) {
            bySeq.putIfAbsent(e.seq(), e);
            maxLocal = Math.max(maxLocal, e.seq());
        }
        List<AuditEvent> copy = central.events();
        for (AuditEvent there : copy) {
            AuditEvent here = bySeq.get(there.seq());
            long seq = there.seq();
            if (!l.intact() && l.brokenAtSeq() < seq) {
                break; // the local chain's own break comes first
            }
            if (here == null && seq > maxLocal) {
                AuditEvent last = copy.get(copy.size() - 1);
                return broken(l, c, notes, consoleId, seq, there, Problem.TRUNCATED, "the centre received "
                        + (seq == last.seq() ? "event " + seq : "events " + seq + " to " + last.seq())
                        + " of this chain (the last " + received(central, last.seq()) + ") that the local store "
                        + "lacks: the local chain was rewound, or its newest events were removed", central);
            }
            if (here == null) {
                return broken(l, c, notes, consoleId, seq, there, Problem.DIVERGED, "local event " + seq
                        + " is missing; the centre received it " + received(central, seq), central);
            }
            if (!here.hash().equals(there.hash()) || !here.canonical().equals(there.canonical())) {
                return broken(l, c, notes, consoleId, seq, here, Problem.DIVERGED, "local event " + seq
                        + " differs from the copy the centre received " + received(central, seq) + ": "
                        + differences(here, there), central);
            }
        }
        if (!l.intact()) {
            return new AnchorVerification(l, l, c, 0, 0, notes);
        }
        for (Flag f : central.flags()) {
            if (!f.notice() && Objects.equals(f.origin(), central.origin()) && central.origin() != null) {
                AuditEvent refused = bySeq.get(f.seq());
                return broken(l, c, notes, consoleId, f.seq(), refused, Problem.REFUSED, "the centre refused event "
                        + f.seq() + " of this console (" + f.kind() + ", first on " + at(f.firstRaised()) + ", "
                        + f.attempts() + (f.attempts() == 1 ? " attempt" : " attempts") + "): " + f.detail(), central);
            }
        }
        long anchored = copy.size();
        long tail = local.size() - anchored;
        String detail;
        if (anchored == 0) {
            detail = "Not anchored yet: the centre holds no event of this chain; " + events(tail)
                    + " not yet synced";
        } else {
            detail = "Anchored: the centre's copy (" + events(anchored) + ", the last received "
                    + received(central, copy.get(copy.size() - 1).seq()) + ") matches the local chain hash for hash; "
                    + (tail == 0 ? "every local event is synced" : events(tail) + " after it not yet synced");
        }
        if (!notes.isEmpty()) {
            detail += ". Flagged at the centre: " + String.join("; ", notes);
        }
        ChainVerification verdict = new ChainVerification(SOURCE, consoleId, l.checked(), l.headHash(), 0, null, null,
                detail);
        return new AnchorVerification(verdict, l, c, anchored, tail, notes);
    }

    private static AnchorVerification broken(ChainVerification l, ChainVerification c, List<String> notes,
            String consoleId, long seq, AuditEvent event, Problem problem, String detail, CentralAuditCopy central) {
        long agreeing = Math.max(0, seq - 1);
        String head = agreeing > 0 && agreeing <= central.events().size()
                ? central.events().get((int) agreeing - 1).hash() : AuditEvent.GENESIS;
        return new AnchorVerification(new ChainVerification(SOURCE, consoleId, agreeing, head, seq, problem,
                event == null ? null : event.id(), detail), l, c, 0, 0, notes);
    }

    private static String restarted(Registration old, String consoleId, List<AuditEvent> local, String origin) {
        String since = local.isEmpty() ? "" : " since " + at(local.get(0).occurredAt());
        return "this console's audit chain restarted: the centre holds chain " + old.consoleId()
                + " for its client id " + origin + " (" + events(old.headSeq())
                + (old.chainStart() == null ? "" : " since " + at(old.chainStart())) + ", last received on "
                + at(old.lastSeen()) + "), but the local store holds another chain, " + consoleId + " ("
                + events(local.size()) + since + "): the local store was deleted or replaced. The centre refuses the"
                + " new chain until an administrator re-registers the client id";
    }

    private static List<String> notes(String consoleId, CentralAuditCopy central) {
        List<String> notes = new ArrayList<>();
        for (Flag f : central.flags()) {
            if (f.notice()) {
                notes.add(f.detail() + " (on " + at(f.firstRaised()) + ")");
            } else if (!Objects.equals(f.origin(), central.origin()) && consoleId.equals(f.consoleId())) {
                notes.add("another console (client id " + f.origin() + ") tried to write event " + f.seq()
                        + " of this chain on " + at(f.firstRaised()) + "; the centre refused it (" + f.kind() + "): "
                        + f.detail());
            }
        }
        for (Registration r : central.registrations()) {
            if (!r.active() && !r.consoleId().equals(consoleId) && Objects.equals(r.origin(), central.origin())) {
                notes.add("client id " + r.origin() + " held chain " + r.consoleId() + " (" + events(r.headSeq())
                        + ") until " + at(r.retiredAt()) + ", re-registered by " + r.retiredBy() + ": "
                        + r.retireReason());
            }
        }
        return notes;
    }

    /** The fields in which {@code here} differs from {@code there}, in words (at most three). */
    static String differences(AuditEvent here, AuditEvent there) {
        if (!here.id().equals(there.id())) {
            return "it is another event (" + here.action() + " " + here.resourceType() + " at "
                    + at(here.occurredAt()) + ", id " + here.id() + ", here; " + there.action() + " "
                    + there.resourceType() + " at " + at(there.occurredAt()) + ", id " + there.id()
                    + ", at the centre)";
        }
        List<String> d = new ArrayList<>();
        field(d, "time", here.occurredAtText(), there.occurredAtText());
        field(d, "user", here.userId(), there.userId());
        field(d, "role", here.role(), there.role());
        field(d, "action", here.action(), there.action());
        field(d, "resource type", here.resourceType(), there.resourceType());
        field(d, "resource id", here.resourceId(), there.resourceId());
        field(d, "old value", text(here.oldValue()), text(there.oldValue()));
        field(d, "new value", text(here.newValue()), text(there.newValue()));
        field(d, "reason", here.reason(), there.reason());
        field(d, "workstation", here.workstation(), there.workstation());
        field(d, "IP hash", here.ipHash(), there.ipHash());
        field(d, "prev_hash", here.prevHash(), there.prevHash());
        if (d.isEmpty()) {
            return "its hash differs (" + short12(here.hash()) + "… here, " + short12(there.hash())
                    + "… at the centre)";
        }
        String more = d.size() > 3 ? " and " + (d.size() - 3) + " more field(s)" : "";
        return String.join("; ", d.subList(0, Math.min(3, d.size()))) + more;
    }

    private static void field(List<String> out, String name, String here, String there) {
        if (!Objects.equals(here, there)) {
            out.add(name + " " + quoted(here) + " here, " + quoted(there) + " at the centre");
        }
    }

    private static String text(Map<String, String> m) {
        return m == null ? null : new java.util.TreeMap<>(m).toString();
    }

    private static String quoted(String s) {
        if (s == null) {
            return "(none)";
        }
        return "'" + (s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "…" : s) + "'";
    }

    private static String short12(String hash) {
        return hash.substring(0, Math.min(12, hash.length()));
    }

    private static String received(CentralAuditCopy central, long seq) {
        return central.received(seq).map(t -> "on " + WHEN.format(t))
                .orElse("(arrival time not recorded)");
    }

    private static String at(Instant t) {
        return t == null ? "(unknown time)" : WHEN.format(t);
    }

    private static String events(long n) {
        return n + (n == 1 ? " event" : " events");
    }
}
