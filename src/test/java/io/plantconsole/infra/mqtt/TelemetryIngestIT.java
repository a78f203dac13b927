package io.plantconsole.infra.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.infra.config.CatalogueLoader;
import io.plantconsole.sim.PlantSimulator;
import io.plantconsole.sim.SimSample;
import io.plantconsole.sim.SimSettings;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulator → real broker on 127.0.0.1 → the console's ingest, at QoS 1: every sample the plant published reaches
 * the hub exactly once and in order, and the per-topic sequence numbers have no gap. Run against the embedded demo
 * broker and against Debian's mosquitto.
 */
class TelemetryIngestIT {
    private static final int TICKS = 150; // 15 s of plant time at 10 Hz

    @TempDir
    Path dir;

    @Test
    void everySampleArrivesThroughTheEmbeddedBroker() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            streamAndCheck(broker.uri(), "embedded");
        }
    }

    @Test
    void everySampleArrivesThroughMosquitto() throws Exception {
        MosquittoBroker.assumeInstalled();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"))) {
            streamAndCheck(broker.uri(), "mosquitto");
        }
    }

    private void streamAndCheck(String uri, String name) throws Exception {
        ChannelCatalogue catalogue = new CatalogueLoader().loadDemo();
        Clock clock = Clock.systemUTC();
        TelemetryHub hub = new TelemetryHub(catalogue, clock, TelemetryHub.Settings.defaults());
        JsonTelemetryDecoder decoder = new JsonTelemetryDecoder(catalogue, "plant/", Duration.ofMinutes(5));
        Map<String, AtomicLong> arrived = new ConcurrentHashMap<>();
        hub.addListener((id, t, v, q, n) -> arrived.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet());

        try (IngestPipeline pipeline = new IngestPipeline(hub, List.of(decoder), clock, 100_000, 65_536);
             MqttTelemetrySource console = new MqttTelemetrySource(
                     MqttSettings.persistent(uri, "console-ingest-it-" + name, List.of("plant/#"), 1), pipeline);
             JsonPlantPublisher plant = new JsonPlantPublisher(uri, "plant-ingest-it-" + name, 1)) {
            console.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> console.state() == ConnectionState.CONNECTED);
            await().atMost(Duration.ofSeconds(15)).until(plant::isConnected);

            PlantSimulator sim = new PlantSimulator(catalogue, plant, SimSettings.demo(), clock);
            Map<String, Long> published = new HashMap<>();
            long start = sim.startMillis();
            for (int tick = 1; tick <= TICKS; tick++) {
                List<SimSample> samples = sim.advanceTo(start + tick * 100L);
                plant.publish(samples);
                for (SimSample s : samples) {
                    if (s.channel().source().kind() == SourceKind.JSON) {
                        published.merge(s.channel().id(), 1L, Long::sum);
                    }
                }
                Thread.sleep(25); // ~1 600 msg/s: inside what the embedded broker handles without dropping
            }
            assertThat(plant.droppedWhileOffline() + plant.droppedInflightFull()).as("publisher drops").isZero();
            long total = published.values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).isGreaterThan(40L * TICKS / 2);

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    arrived.values().stream().mapToLong(AtomicLong::get).sum() >= total);
            Thread.sleep(300); // nothing extra may trickle in
            for (ChannelDef c : catalogue.channels()) {
                if (c.source().kind() == SourceKind.JSON) {
                    long sent = published.getOrDefault(c.id(), 0L);
                    assertThat(arrived.getOrDefault(c.id(), new AtomicLong()).get()).as(c.id()).isEqualTo(sent);
                }
            }
            assertThat(decoder.sequenceGaps()).isZero();
            assertThat(hub.diagnostics().total()).as("bad or dropped input").isZero();
        }
    }
}
