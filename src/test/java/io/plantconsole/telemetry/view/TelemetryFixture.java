package io.plantconsole.telemetry.view;

import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import java.time.Clock;
import java.util.List;

/**
 * A small plant made in code for view tests: three areas, seven channels, a real hub and a real ingest pipeline
 * with no decoders, and a fake broker connection. Close it after the test (stops the pipeline's thread).
 */
public final class TelemetryFixture implements AutoCloseable {
    public static final String BEAN_TEMP = "roaster1.bean_temp";
    public static final String DRUM_TEMP = "roaster1.drum_temp";
    public static final String VIBRATION = "roaster1.vibration";
    public static final String MOISTURE = "dryer1.moisture";
    public static final String AIR_TEMP = "dryer1.air_temp";
    public static final String BOX_TEMP = "ferment1.box_temp";
    public static final String BOX_PH = "ferment1.ph";

    public final Clock clock;
    public final ChannelCatalogue catalogue;
    public final TelemetryHub hub;
    public final IngestPipeline pipeline;
    public final FakeTelemetrySource source = new FakeTelemetrySource();

    public TelemetryFixture(Clock clock) {
        this.clock = clock;
        this.catalogue = catalogue();
        this.hub = new TelemetryHub(catalogue, clock, TelemetryHub.Settings.defaults());
        this.pipeline = new IngestPipeline(hub, List.of(), clock, 1024, 64 * 1024);
    }

    public static ChannelCatalogue catalogue() {
        return new ChannelCatalogue(List.of(
                channel(BEAN_TEMP, "Roaster 1 bean temperature", "Roasting", "Roaster 1", "°C", 0, 250, 110, 135, 10),
                channel(DRUM_TEMP, "Roaster 1 drum temperature", "Roasting", "Roaster 1", "°C", 0, 300, 150, 220, 10),
                channel(VIBRATION, "Roaster 1 drum vibration", "Roasting", "Roaster 1", "mm/s", 0, 20, 0, 7.1, 10),
                channel(MOISTURE, "Dryer 1 bean moisture", "Drying", "Dryer 1", "%", 0, 30, 6, 8, 1),
                channel(AIR_TEMP, "Dryer 1 air temperature", "Drying", "Dryer 1", "°C", 0, 120, 45, 65, 1),
                channel(BOX_TEMP, "Box 1 pulp temperature", "Fermentation", "Box 1", "°C", 0, 60, 35, 50, 1),
                channel(BOX_PH, "Box 1 pulp pH", "Fermentation", "Box 1", "pH", 2, 8, 3.5, 5.5, 1)));
    }

    private static ChannelDef channel(String id, String name, String area, String equipment, String unit,
                                      double lo, double hi, double nlo, double nhi, double rate) {
        return new ChannelDef(id, name, area, equipment, unit, lo, hi, nlo, nhi, rate,
                new ChannelSource(SourceKind.JSON, "plant/" + id.replace('.', '/'), ""));
    }

    /** Stores one good sample stamped now (as the telemetry thread would). */
    public void accept(String channelId, double value) {
        hub.accept(channelId, clock.millis(), value, Quality.GOOD, System.nanoTime());
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
