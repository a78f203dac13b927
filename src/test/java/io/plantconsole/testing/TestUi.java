package io.plantconsole.testing;

import io.plantconsole.app.shell.UiServices;
import io.plantconsole.audit.AuditFeature;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.auth.AuthFeature;
import io.plantconsole.sync.SyncFeature;
import io.plantconsole.sync.service.ConflictResolver;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.service.TelemetrySource;
import io.plantconsole.ui.FeatureScreens;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shell's services for UI tests: the standard features over test fixtures, with or without the sign-in gate. */
public final class TestUi {
    private TestUi() {
    }

    /** Telemetry and sync screens (no centre), no gate. */
    public static UiServices services(TelemetryHub hub, IngestPipeline pipeline, TelemetrySource source, Clock clock,
            Path exportDir) {
        return services(hub, pipeline, source, clock, exportDir, Optional.empty(), Optional.empty());
    }

    /** Telemetry and sync screens with the given worker and resolver, no gate. */
    public static UiServices services(TelemetryHub hub, IngestPipeline pipeline, TelemetrySource source, Clock clock,
            Path exportDir, Optional<SyncEngine> sync, Optional<ConflictResolver> resolver) {
        return new UiServices(hub, pipeline, source, clock, exportDir, sync, Optional.empty(),
                List.of(telemetry(hub, pipeline, source), new SyncFeature(sync, resolver)));
    }

    /**
     * Every standard screen in the console's order (Overview, Trends, Diagnostics, Sync, Audit, Users) and the
     * sign-in gate over the identity fixture.
     */
    public static UiServices withIdentity(TelemetryHub hub, IngestPipeline pipeline, TelemetrySource source,
            Clock clock, Path exportDir, AuthFixture auth) {
        return withIdentity(hub, pipeline, source, clock, exportDir, auth, Optional.empty(), Optional.empty());
    }

    /** As {@link #withIdentity(TelemetryHub, IngestPipeline, TelemetrySource, Clock, Path, AuthFixture)}. */
    public static UiServices withIdentity(TelemetryHub hub, IngestPipeline pipeline, TelemetrySource source,
            Clock clock, Path exportDir, AuthFixture auth, Optional<SyncEngine> sync,
            Optional<ConflictResolver> resolver) {
        AuditService audit = new AuditService(auth.store, auth.auditStore, auth.audit, Optional.empty(), Map.of(),
                auth.login::current);
        List<FeatureScreens> features = new ArrayList<>(List.of(telemetry(hub, pipeline, source),
                new SyncFeature(sync, resolver), new AuditFeature(Optional.of(audit), auth.login::current,
                        sync.isPresent()), auth(auth)));
        return new UiServices(hub, pipeline, source, clock, exportDir, sync, Optional.of(auth.login), features);
    }

    /** The identity feature over the fixture's services (local accounts, no single sign-on). */
    public static AuthFeature auth(AuthFixture auth) {
        return new AuthFeature(auth.login, auth.admin, auth.signatures, Optional.empty(), Optional.empty(), () -> "");
    }

    private static TelemetryFeature telemetry(TelemetryHub hub, IngestPipeline pipeline, TelemetrySource source) {
        return new TelemetryFeature(hub.catalogue(), hub, pipeline, source);
    }
}
