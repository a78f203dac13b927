package io.plantconsole.app.shell;

import io.plantconsole.auth.service.LoginService;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.service.TelemetrySource;
import io.plantconsole.ui.FeatureScreens;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shell needs from the composition root: the feeds and sync state its status bar and banner show, who
 * signs in at its gate, and the features whose screens it shows.
 *
 * @param hub       live picture of the plant (accepted samples, bad counts)
 * @param pipeline  ingest counters (messages received)
 * @param source    the broker connection, for the status bar and the "broker lost" banner
 * @param clock     wall clock; its zone is the zone times are shown in
 * @param exportDir where exports are written (created on first export)
 * @param sync      the outbox's sync worker, for the status bar; empty without a centre. Never blocks
 * @param login     sign-in, lock and sign-out behind the gate; empty only in tests and tools that show screens
 *                  without the gate
 * @param features  the features whose screens the shell shows, in navigation order
 */
public record UiServices(TelemetryHub hub, IngestPipeline pipeline, TelemetrySource source, Clock clock,
                         Path exportDir, Optional<SyncEngine> sync, Optional<LoginService> login,
                         List<FeatureScreens> features) {

    public UiServices {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(exportDir, "exportDir");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(login, "login");
        features = List.copyOf(features);
    }
}
