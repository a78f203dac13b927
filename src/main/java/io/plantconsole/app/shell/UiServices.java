package io.plantconsole.app.shell;

import io.plantconsole.sync.service.ConflictResolver;
import io.plantconsole.sync.service.Outbox;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.service.TelemetrySource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shell and its screens need from the composition root. Built once by {@code AppContext}.
 *
 * @param hub       live picture of the plant (ring buffers, latest values, diagnostics)
 * @param pipeline  ingest queue counters (messages received / processed, queue depth)
 * @param source    the broker connection, for the status bar and the "broker lost" banner
 * @param clock     wall clock; its zone is the zone times are shown in
 * @param exportDir where CSV and PNG exports are written (created on first export)
 * @param sync      the outbox's sync worker; empty when a site config names no central database. Its status
 *                  and conflicts are safe to read on the FX thread
 * @param outbox    the local outbox; every method blocks on disk, so never call it on the FX thread
 * @param resolver  resolves sync conflicts; empty without a central database. Every method blocks: background
 *                  threads only
 * @param identity  sign-in, accounts, audit and signatures; empty only in tests and tools that show screens without
 *                  the sign-in gate
 */
public record UiServices(TelemetryHub hub, IngestPipeline pipeline, TelemetrySource source, Clock clock,
                         Path exportDir, Optional<SyncEngine> sync, Outbox outbox,
                         Optional<ConflictResolver> resolver, Optional<IdentityServices> identity) {

    /** Without the sign-in gate (tests, tools). */
    public UiServices(TelemetryHub hub, IngestPipeline pipeline, TelemetrySource source, Clock clock,
            Path exportDir, Optional<SyncEngine> sync, Outbox outbox, Optional<ConflictResolver> resolver) {
        this(hub, pipeline, source, clock, exportDir, sync, outbox, resolver, Optional.empty());
    }

    /** Without conflict resolution and the sign-in gate (tests, tools). */
    public UiServices(TelemetryHub hub, IngestPipeline pipeline, TelemetrySource source, Clock clock,
            Path exportDir, Optional<SyncEngine> sync, Outbox outbox) {
        this(hub, pipeline, source, clock, exportDir, sync, outbox, Optional.empty());
    }

    public UiServices {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(exportDir, "exportDir");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(identity, "identity");
    }
}
