package io.plantconsole.audit;

import io.plantconsole.audit.service.AuditExporter;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.audit.service.CentralAuditChain;
import io.plantconsole.audit.view.AuditController;
import io.plantconsole.audit.view.AuditViewModel;
import io.plantconsole.infra.db.SqliteAuditStore;
import io.plantconsole.infra.export.CsvAuditExporter;
import io.plantconsole.infra.pdf.PdfAuditExporter;
import io.plantconsole.kernel.KernelServices;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.kernel.tx.LocalTransactions;
import io.plantconsole.ui.FeatureScreens;
import io.plantconsole.ui.ScreenContext;
import io.plantconsole.ui.ScreenSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The audit viewer's wiring: reading, verifying (locally and against the centre's copy) and exporting the audit
 * trail, and the Audit screen. The write side of the trail is the kernel's.
 */
public final class AuditFeature implements FeatureScreens {
    public static final String AUDIT = "audit";
    public static final String STYLESHEET = "/styles/audit.css";

    private final Optional<AuditService> audit;
    private final Supplier<Session> session;
    private final boolean centralConfigured;

    /**
     * @param audit             the audit service; empty shows the screen without data (tests, tools)
     * @param session           who is signed in, as the screen shows it (never blocks)
     * @param centralConfigured whether a centre holds a copy of the chain to verify against
     */
    public AuditFeature(Optional<AuditService> audit, Supplier<Session> session, boolean centralConfigured) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.session = Objects.requireNonNull(session, "session");
        this.centralConfigured = centralConfigured;
    }

    /** The audit service over the local store, with CSV and PDF export and the centre's copy when there is one. */
    /**
     * @param commands who is signed in, re-read for every command (the service authorises against it)
     * @param shown    who is signed in as the screen shows it (never blocks)
     */
    public static AuditFeature over(KernelServices kernel, LocalTransactions store, SqliteAuditStore events,
            Optional<CentralAuditChain> central, Supplier<Session> commands, Supplier<Session> shown) {
        Map<String, AuditExporter> exporters = Map.of("csv", new CsvAuditExporter(),
                "pdf", new PdfAuditExporter(kernel.clock()));
        return new AuditFeature(Optional.of(new AuditService(store, events, kernel.audit(), central, exporters,
                commands)), shown, central.isPresent());
    }

    public Optional<AuditService> audit() {
        return audit;
    }

    @Override
    public List<ScreenSpec> screens(ScreenContext ctx) {
        return List.of(new ScreenSpec(AUDIT, "Audit", "Audit trail, chain verification, export",
                "/fxml/audit/Audit.fxml", STYLESHEET, Permission.VIEW_AUDIT_LOG, AuditController.class,
                () -> new AuditController(new AuditViewModel(audit.map(a -> new AuditViewModel.Backend(a, session)),
                        centralConfigured, ctx.tasks().lane("audit"), ctx.clock()), ctx.exportDir())));
    }
}
