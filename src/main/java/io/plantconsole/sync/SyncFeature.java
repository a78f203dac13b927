package io.plantconsole.sync;

import io.plantconsole.kernel.KernelServices;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.sync.service.CentralRecords;
import io.plantconsole.sync.service.CentralSink;
import io.plantconsole.sync.service.ConflictResolver;
import io.plantconsole.sync.service.JsonFields;
import io.plantconsole.sync.service.Outbox;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.sync.view.Resolver;
import io.plantconsole.sync.view.SyncController;
import io.plantconsole.sync.view.SyncViewModel;
import io.plantconsole.ui.FeatureScreens;
import io.plantconsole.ui.ScreenContext;
import io.plantconsole.ui.ScreenSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The sync feature's wiring: the outbox worker towards the centre, conflict resolution where the centre can be read,
 * and the Sync screen. Without a centre (a site that configures none) the screen says so.
 */
public final class SyncFeature implements FeatureScreens, AutoCloseable {
    public static final String SYNC = "sync";
    public static final String STYLESHEET = "/styles/sync.css";

    private final Optional<SyncEngine> engine;
    private final Optional<ConflictResolver> resolver;

    /** Over a worker and resolver built elsewhere (tests, tools). */
    public SyncFeature(Optional<SyncEngine> engine, Optional<ConflictResolver> resolver) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * The worker over {@code sink}; with {@code records} (the centre's current rows) also the conflict resolver,
     * which checks its permission against {@code session} and audits every resolution.
     */
    public static SyncFeature towards(KernelServices kernel, Outbox outbox, CentralSink sink,
            Optional<CentralRecords> records, JsonFields json, Supplier<Session> session) {
        SyncEngine engine = new SyncEngine(outbox, sink, SyncEngine.Settings.defaults(), kernel.clock(),
                new SplittableRandom());
        Optional<ConflictResolver> resolver = records.map(r -> new ConflictResolver(kernel.transactions(), outbox, r,
                json, engine, session, kernel.audit(), kernel.clock()));
        return new SyncFeature(Optional.of(engine), resolver);
    }

    /** No centre configured. */
    public static SyncFeature none() {
        return new SyncFeature(Optional.empty(), Optional.empty());
    }

    /** Starts the worker's thread (it contacts the centre in the background). */
    public void start() {
        engine.ifPresent(SyncEngine::start);
    }

    public Optional<SyncEngine> engine() {
        return engine;
    }

    public Optional<ConflictResolver> resolver() {
        return resolver;
    }

    @Override
    public List<ScreenSpec> screens(ScreenContext ctx) {
        return List.of(new ScreenSpec(SYNC, "Sync", "Outbox and central database", "/fxml/sync/Sync.fxml", STYLESHEET,
                Permission.VIEW_DASHBOARDS, SyncController.class,
                () -> new SyncController(new SyncViewModel(engine, resolver.map(Resolver::of),
                        ctx.tasks().lane("sync"), ctx.clock()))));
    }

    @Override
    public void close() {
        engine.ifPresent(SyncEngine::close);
    }
}
