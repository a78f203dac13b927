package io.plantconsole.sync.service;

import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEntry;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.kernel.identity.Authorizer;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.kernel.tx.LocalStoreException;
import io.plantconsole.kernel.tx.LocalTransactions;

import io.plantconsole.sync.model.CentralRecord;
import io.plantconsole.sync.model.ConflictComparison;
import io.plantconsole.sync.model.ConflictResolution;
import io.plantconsole.sync.model.ConflictResolution.Action;
import io.plantconsole.sync.model.FieldDiff;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves sync conflicts (an outbox entry the centre refused because it no longer holds the version the change was
 * made on): compare the console's change with the centre's version, then either keep the centre's version or
 * re-apply the console's change on top of it. The later pending entries of the same record (edits made on top of
 * the refused change, which the worker holds back) follow the decision:
 *
 * <ul>
 *   <li>{@link #takeCentral}: in one local transaction, the record type's {@link RecordReconciler} replaces the
 *       local copy with the centre's, and the refused entry and the later entries of the record leave the outbox
 *       (they were made on the change now dropped; sending them would write over the centre's version).</li>
 *   <li>{@link #reapply}: in one local transaction, the refused entry is replaced by a new one with the same
 *       payload made on the centre's current version (its base) as the next version, the later entries of the record
 *       are queued again in order, each on the version before it, and the reconciler moves the local copy to the
 *       last of these versions.</li>
 * </ul>
 * Both require {@link Permission#RESOLVE_SYNC_CONFLICT} of the signed-in person (refused before anything is read),
 * read the centre's version afresh (it may have moved since the comparison), write a
 * {@link AuditAction#SYNC_CONFLICT_RESOLVED} audit event and call the {@link ResolutionListener}s inside the
 * transaction, log the decision, and then tell the {@link SyncEngine} to stop skipping the entry and sync at once.
 *
 * <p><b>Threads.</b> {@link #compare}, {@link #takeCentral} and {@link #reapply} block on the network and on the
 * local disk: call them from a background thread, never from the FX thread. {@link #register} and
 * {@link #addListener} are for the composition root; any thread.
 */
public final class ConflictResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ConflictResolver.class);

    /** What the resolver needs from the sync worker; {@link SyncEngine} in the console. Never blocks. */
    public interface Worker {
        /** The entry was removed or replaced durably: stop skipping it, and sync now. */
        void resolved(UUID entryId);
    }

    private final LocalTransactions local;
    private final Outbox outbox;
    private final CentralRecords central;
    private final JsonFields json;
    private final Worker worker;
    private final Supplier<Session> session;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, RecordReconciler> reconcilers = new ConcurrentHashMap<>();
    private final List<ResolutionListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param local   the local store's transactions (the same store as {@code outbox})
     * @param outbox  the local outbox
     * @param central the centre's current records
     * @param json    splits payloads into fields for the comparison
     * @param engine  the sync worker that listed the conflicts
     * @param session who is signed in now (re-read for every command)
     * @param audit   the audit trail every resolution is recorded in
     */
    public ConflictResolver(LocalTransactions local, Outbox outbox, CentralRecords central, JsonFields json,
            SyncEngine engine, Supplier<Session> session, AuditTrail audit, Clock clock) {
        this(local, outbox, central, json, workerOf(engine), session, audit, clock);
    }

    /** A resolver over any worker (tests). */
    public ConflictResolver(LocalTransactions local, Outbox outbox, CentralRecords central, JsonFields json,
            Worker worker, Supplier<Session> session, AuditTrail audit, Clock clock) {
        this.local = Objects.requireNonNull(local, "local");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.central = Objects.requireNonNull(central, "central");
        this.json = Objects.requireNonNull(json, "json");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.session = Objects.requireNonNull(session, "session");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Worker workerOf(SyncEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return engine::forgetConflict;
    }

    /** Registers the reconciler of its record type (replacing an earlier one). Any thread. */
    public ConflictResolver register(RecordReconciler reconciler) {
        reconcilers.put(Objects.requireNonNull(reconciler.recordType(), "recordType"), reconciler);
        return this;
    }

    /** Adds a hook called inside every resolution's transaction, after its audit event. Any thread. */
    public ConflictResolver addListener(ResolutionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * The console's payload next to the centre's current version, field by field. Background thread.
     *
     * @throws CentralSyncException when the centre cannot be read (message in words)
     */
    public ConflictComparison compare(SyncConflict conflict) {
        OutboxEntry e = conflict.entry();
        Optional<CentralRecord> c = central.current(e.recordType(), e.recordId());
        return new ConflictComparison(conflict, e.payloadJson(), c,
                diff(json, e.payloadJson(), c.map(CentralRecord::payloadJson).orElse(null)));
    }

    /**
     * Keeps the centre's version: the local copy is replaced by it and the refused entry is dropped, in one local
     * transaction. Background thread.
     *
     * @throws AccessDeniedException   when the signed-in role may not resolve conflicts; nothing read or changed
     * @throws CentralSyncException     when the centre cannot be read; nothing changed
     * @throws IllegalStateException    when the centre no longer holds the record, or the entry is no longer in the
     *                                  outbox (resolved already); nothing changed
     * @throws LocalStoreException      when the local store cannot commit; nothing changed
     */
    public ConflictResolution takeCentral(SyncConflict conflict) {
        Session who = Authorizer.require(session.get(), Permission.RESOLVE_SYNC_CONFLICT);
        OutboxEntry e = conflict.entry();
        CentralRecord c = central.current(e.recordType(), e.recordId()).orElseThrow(() -> new IllegalStateException(
                "The central database no longer holds " + e.recordType() + " " + e.recordId()
                        + ", so there is no central version to keep; re-apply your change instead"));
        int[] later = new int[1];
        ConflictResolution done = local.inTransaction(tx -> {
            removeEntry(tx, e);
            List<OutboxEntry> after = laterEntries(tx, e);
            after.forEach(l -> outbox.remove(tx, l.id()));
            later[0] = after.size();
            RecordReconciler r = reconcilers.get(e.recordType());
            if (r != null) {
                r.takeCentral(tx, c);
            }
            ConflictResolution res = new ConflictResolution(Action.TAKE_CENTRAL, who.username(), e, c.version(),
                    c.version(), null, clock.instant());
            recorded(tx, who, res, after.size());
            return res;
        });
        LOG.info("Sync conflict resolved by {}: kept the central version {} of {} {} (by {}); dropped local version {}"
                + " (outbox entry {}) and {} later local edit(s) of the record{}", who.username(), c.version(),
                e.recordType(), e.recordId(), c.origin(), e.recordVersion(), e.id(), later[0],
                reconcilers.containsKey(e.recordType()) ? "" : "; no local copy to reload for this record type");
        worker.resolved(e.id());
        return done;
    }

    /**
     * Re-applies the console's change on top of the centre's version: the refused entry is replaced by a new one
     * with the same payload, made on the centre's current version (0 when the centre lacks the record) as the next
     * version; the later pending entries of the record are queued again after it, each made on the one before; the
     * local copy moves to the last version; all in one local transaction. The worker then sends them: if the centre
     * has moved again meanwhile, the re-applied entry is a new conflict, never an overwrite. Background thread.
     *
     * @throws AccessDeniedException when the signed-in role may not resolve conflicts; nothing read or changed
     * @throws CentralSyncException  when the centre cannot be read; nothing changed
     * @throws IllegalStateException when the entry is no longer in the outbox (resolved already); nothing changed
     * @throws LocalStoreException   when the local store cannot commit; nothing changed
     */
    public ConflictResolution reapply(SyncConflict conflict) {
        Session who = Authorizer.require(session.get(), Permission.RESOLVE_SYNC_CONFLICT);
        OutboxEntry e = conflict.entry();
        Optional<CentralRecord> c = central.current(e.recordType(), e.recordId());
        long centralVersion = c.map(CentralRecord::version).orElse(0L);
        long newVersion = Math.max(centralVersion, e.recordVersion()) + 1;
        int[] later = new int[1];
        ConflictResolution done = local.inTransaction(tx -> {
            removeEntry(tx, e);
            List<OutboxEntry> after = laterEntries(tx, e);
            UUID newEntry = tx.enqueue(e.recordType(), e.recordId(), centralVersion, newVersion, e.payloadJson());
            // the later edits follow in their order, each made on the version queued just before it
            long shift = newVersion - e.recordVersion();
            long base = newVersion;
            for (OutboxEntry l : after) {
                outbox.remove(tx, l.id());
                long version = Math.max(l.recordVersion() + shift, base + 1);
                tx.enqueue(l.recordType(), l.recordId(), base, version, l.payloadJson());
                base = version;
            }
            later[0] = after.size();
            RecordReconciler r = reconcilers.get(e.recordType());
            if (r != null) {
                r.reapplied(tx, e.recordId(), base);
            }
            ConflictResolution res = new ConflictResolution(Action.REAPPLY, who.username(), e, centralVersion,
                    base, newEntry, clock.instant());
            recorded(tx, who, res, after.size());
            return res;
        });
        LOG.info("Sync conflict resolved by {}: re-applied local version {} of {} {} as version {} on the central"
                + " version {} (outbox entry {} replaced by {}), then {} later local edit(s) up to version {}",
                who.username(), e.recordVersion(), e.recordType(), e.recordId(), newVersion, centralVersion, e.id(),
                done.newEntryId(), later[0], done.newVersion());
        worker.resolved(e.id());
        return done;
    }

    private void removeEntry(LocalTransactions.LocalTx tx, OutboxEntry e) {
        if (!outbox.remove(tx, e.id())) {
            worker.resolved(e.id()); // nothing left to skip
            throw new IllegalStateException("This conflict on " + e.recordType() + " " + e.recordId()
                    + " was already resolved (its outbox entry is gone); nothing was changed");
        }
    }

    /** The pending entries of {@code e}'s record committed after it, in order (read after {@code e} was removed). */
    private List<OutboxEntry> laterEntries(LocalTransactions.LocalTx tx, OutboxEntry e) {
        return outbox.pendingOf(tx, e.recordType(), e.recordId()).stream().filter(l -> l.seq() > e.seq()).toList();
    }

    /** The resolution's audit event, then the listeners, inside its transaction. */
    private void recorded(LocalTransactions.LocalTx tx, Session who, ConflictResolution res, int laterEntries) {
        Map<String, String> value = new LinkedHashMap<>();
        value.put("decision", res.action().name());
        value.put("local_version", Long.toString(res.entry().recordVersion()));
        value.put("central_version", Long.toString(res.centralVersion()));
        value.put("new_version", Long.toString(res.newVersion()));
        value.put("outbox_entry", res.entry().id().toString());
        value.put("later_entries", Integer.toString(laterEntries));
        audit.record(tx, new AuditEntry(who.userId().toString(), who.role().name(), AuditAction.SYNC_CONFLICT_RESOLVED,
                res.entry().recordType(), res.entry().recordId().toString(), null, value, null));
        for (ResolutionListener l : listeners) {
            l.resolved(tx, res);
        }
    }

    /**
     * Top-level fields of two payloads side by side: the console's keys first in its order, then keys only the
     * centre has, in its order. A payload that is not a JSON object (or a missing central payload) gives one
     * {@link ConflictComparison#WHOLE_RECORD} row comparing the canonical texts. Pure; any thread.
     *
     * @param centralJson {@code null} when the centre holds no version
     */
    public static List<FieldDiff> diff(JsonFields json, String localJson, String centralJson) {
        Map<String, String> l;
        Map<String, String> c;
        try {
            l = json.topLevel(localJson);
            c = centralJson == null ? Map.of() : json.topLevel(centralJson);
        } catch (IllegalArgumentException notAnObject) {
            String lc = json.canonical(localJson);
            String cc = centralJson == null ? null : json.canonical(centralJson);
            return List.of(new FieldDiff(ConflictComparison.WHOLE_RECORD, lc, cc, !Objects.equals(lc, cc)));
        }
        Set<String> keys = new LinkedHashSet<>(l.keySet());
        keys.addAll(c.keySet());
        List<FieldDiff> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            String lv = l.get(k);
            String cv = c.get(k);
            out.add(new FieldDiff(k, lv, cv, !Objects.equals(lv, cv)));
        }
        return out;
    }
}
