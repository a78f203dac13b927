package io.plantconsole.audit.service;

import io.plantconsole.kernel.audit.AuditChain;
import io.plantconsole.kernel.audit.AuditTrail;

import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEntry;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.audit.model.AnchorVerification;
import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.kernel.identity.Authorizer;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.kernel.tx.LocalTransactions;
import io.plantconsole.kernel.util.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The audit log as QA managers and Admins use it: read with filters, verify the chain locally and at the centre,
 * export to CSV and PDF. Reading is read-only for everyone; verifying and exporting are themselves audited.
 *
 * <p>Every method blocks (disk, network, files): background threads only.
 */
public final class AuditService {
    private final LocalTransactions store;
    private final AuditStore auditStore;
    private final AuditTrail trail;
    private final Optional<CentralAuditChain> central;
    private final Map<String, AuditExporter> exporters;
    private final Supplier<Session> session;

    /**
     * @param central   the centre's copy; empty when no central database is configured
     * @param exporters by file extension ({@code "csv"}, {@code "pdf"})
     */
    public AuditService(LocalTransactions store, AuditStore auditStore, AuditTrail trail, Optional<CentralAuditChain> central,
            Map<String, AuditExporter> exporters, Supplier<Session> session) {
        this.store = store;
        this.auditStore = auditStore;
        this.trail = trail;
        this.central = central;
        this.exporters = Map.copyOf(exporters);
        this.session = session;
    }

    public List<AuditEvent> find(AuditQuery query) {
        Authorizer.require(session.get(), Permission.VIEW_AUDIT_LOG);
        return auditStore.find(query);
    }

    /** Checks this console's chain in the local store (audited as VERIFY). */
    public ChainVerification verifyLocal() {
        return verifyLocal(Progress.NONE);
    }

    /**
     * Checks this console's chain in the local store (audited as VERIFY), reporting each event checked. A cancelled
     * verification ends with a {@link java.util.concurrent.CancellationException} and records nothing.
     */
    public ChainVerification verifyLocal(Progress progress) {
        Session s = Authorizer.require(session.get(), Permission.VERIFY_AUDIT_CHAIN);
        progress.update(-1, "Reading the local chain");
        ChainVerification v = AuditChain.verify("local store", trail.consoleId(), auditStore.chain(trail.consoleId()),
                progress);
        record(s, AuditAction.VERIFY, "local", v);
        return v;
    }

    /**
     * Checks this console's chain against the centre's copy, its anchor (ADR 0018): both intact, the centre's copy a
     * prefix of the local chain hash for hash, no other chain registered for this console and nothing refused
     * (audited as VERIFY). The verdict's detail says how far the centre anchors the chain. Empty without a central
     * database.
     */
    public Optional<ChainVerification> verifyCentral() {
        return verifyCentral(Progress.NONE);
    }

    /** As {@link #verifyCentral()}, reporting each event checked; a cancelled verification records nothing. */
    public Optional<ChainVerification> verifyCentral(Progress progress) {
        Session s = Authorizer.require(session.get(), Permission.VERIFY_AUDIT_CHAIN);
        if (central.isEmpty()) {
            return Optional.empty();
        }
        progress.update(-1, "Reading the central copy");
        ChainVerification v = checkAnchor().orElseThrow().verdict();
        record(s, AuditAction.VERIFY, "central", v);
        return Optional.of(v);
    }

    /** The local chain's state, without a session or an audit record: for the command line and the self-test. */
    public ChainVerification checkLocal() {
        return AuditChain.verify("local store", trail.consoleId(), auditStore.chain(trail.consoleId()));
    }

    /**
     * The centre's copy of this console's chain checked on its own, without a session; empty without a central
     * database. Says nothing about whether the local chain still agrees with it: see {@link #checkAnchor()}.
     */
    public Optional<ChainVerification> checkCentral() {
        return central.map(c -> AuditChain.verify("central database", trail.consoleId(), c.chain(trail.consoleId())));
    }

    /**
     * The local chain against the centre's copy (ADR 0018), without a session or an audit record: for the command
     * line and the self-test; empty without a central database. Reads the centre first, then the local store, so that
     * every event the centre holds was committed locally before.
     */
    public Optional<AnchorVerification> checkAnchor() {
        return central.map(c -> {
            var copy = c.copy(trail.consoleId());
            return AuditAnchor.compare(trail.consoleId(), auditStore.chain(trail.consoleId()), copy);
        });
    }

    /**
     * Exports the events {@code query} selects to {@code file}; the format follows the extension (csv or pdf).
     *
     * @return how many events were written
     */
    public int export(AuditQuery query, String title, Path file) {
        return export(query, title, file, Progress.NONE);
    }

    /**
     * As {@link #export(AuditQuery, String, Path)}, reporting each event written. A cancelled export leaves no file
     * and records nothing.
     */
    public int export(AuditQuery query, String title, Path file, Progress progress) {
        Session s = Authorizer.require(session.get(), Permission.EXPORT_AUDIT_LOG);
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        AuditExporter exporter = exporters.get(ext);
        if (exporter == null) {
            throw new IllegalArgumentException("Export as CSV or PDF (the file name ends in .csv or .pdf).");
        }
        progress.update(-1, "Reading the events");
        List<AuditEvent> events = auditStore.find(query);
        progress.checkCancelled();
        progress.update(-1, "Checking the local chain");
        ChainVerification chain = checkLocal();
        progress.checkCancelled();
        exporter.write(file, title, events, chain, progress);
        store.inTransaction(tx -> trail.record(tx, new AuditEntry(s.userId().toString(), s.role().name(),
                AuditAction.EXPORT, "audit_log", null, null,
                Map.of("file", name, "events", Integer.toString(events.size()), "filter", title), null)));
        return events.size();
    }

    public String consoleId() {
        return trail.consoleId();
    }

    private void record(Session s, AuditAction action, String where, ChainVerification v) {
        store.inTransaction(tx -> trail.record(tx, new AuditEntry(s.userId().toString(), s.role().name(), action,
                "audit_chain", trail.consoleId(), null, Map.of("where", where, "intact", Boolean.toString(v.intact()),
                "checked", Long.toString(v.checked())), v.intact() ? null : v.summary())));
    }
}
