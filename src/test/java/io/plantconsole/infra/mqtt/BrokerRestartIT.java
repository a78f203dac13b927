package io.plantconsole.infra.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.testing.MosquittoBroker;
import io.plantconsole.testing.SequencePublisher;
import io.plantconsole.testing.TestCatalogues;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts in the middle of a QoS 1 stream: the console reconnects by itself and, thanks to its persistent
 * session, receives every message exactly once (redeliveries are recognised as duplicates and not stored twice).
 */
class BrokerRestartIT {
    private static final int CHANNELS = 5;
    private static final int PER_CHANNEL = 2_000;

    @TempDir
    Path dir;

    @Test
    void aBrokerRestartMidStreamLosesNothingAtQos1() throws Exception {
        MosquittoBroker.assumeInstalled();
        List<ChannelDef> defs = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            defs.add(TestCatalogues.json("restart.ch" + c, "Test", 100));
        }
        ChannelCatalogue catalogue = new ChannelCatalogue(defs);
        Clock clock = Clock.systemUTC();
        TelemetryHub hub = new TelemetryHub(catalogue, clock, TelemetryHub.Settings.defaults());
        JsonTelemetryDecoder decoder = new JsonTelemetryDecoder(catalogue, "plant/", Duration.ofMinutes(5));
        List<ConnectionState> states = Collections.synchronizedList(new ArrayList<>());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        hub.addListener((id, t, v, q, n) -> seen.add(id + "@" + t));

        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
             IngestPipeline pipeline = new IngestPipeline(hub, List.of(decoder), clock, 100_000, 65_536);
             MqttTelemetrySource console = new MqttTelemetrySource(
                     MqttSettings.persistent(broker.uri(), "console-restart-it", List.of("plant/#"), 1), pipeline)) {
            console.addStateListener(states::add);
            console.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> console.state() == ConnectionState.CONNECTED);

            long t0 = System.currentTimeMillis() - 60_000;
            try (SequencePublisher plant = new SequencePublisher(broker.uri(), "plant-restart-it")) {
                for (int i = 0; i < PER_CHANNEL; i++) {
                    for (ChannelDef c : defs) {
                        plant.publish(c.source().topic(), SequencePublisher.payload(t0 + i * 10L, i, i + 1));
                    }
                    if (i == PER_CHANNEL / 2) {
                        broker.restart();
                    }
                    if (i % 100 == 0) {
                        Thread.sleep(5); // a stream, not one burst: the restart lands mid-stream
                    }
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == CHANNELS * PER_CHANNEL);
                await().atMost(Duration.ofSeconds(10)).until(() -> plant.pendingDeliveries() == 0);
            }
            Thread.sleep(500); // late redeliveries, if any, must not add samples
            assertThat(seen).hasSize(CHANNELS * PER_CHANNEL);
            assertThat(hub.acceptedSamples()).isEqualTo(CHANNELS * PER_CHANNEL);
            assertThat(decoder.sequenceGaps()).isZero();
            for (ChannelDef c : defs) {
                assertThat(hub.status(c.id()).received()).isEqualTo(PER_CHANNEL);
                assertThat(hub.status(c.id()).value()).isEqualTo(PER_CHANNEL - 1);
            }
            assertThat(states).contains(ConnectionState.RECONNECTING);
            assertThat(console.state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }
}
