package io.plantconsole.infra.mqtt.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.infra.mqtt.EmbeddedBroker;
import io.plantconsole.sim.SimSample;
import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.telemetry.service.ChannelStatus;
import io.plantconsole.telemetry.service.IncomingMessage;
import io.plantconsole.telemetry.service.TelemetryHub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated edge nodes and the console's host decoder talking through a real broker on 127.0.0.1 (here the
 * embedded demo broker, Moquette; {@link SparkplugEndToEndMosquittoIT} runs the same against Debian's mosquitto):
 * births, alias-only data, a rebirth request over NCMD, deaths, and a broker restart.
 */
class SparkplugEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String GROUP = "CocoaIT";
    private static final String ROASTER = "Roaster1";
    private static final String BURNER_PATH = GROUP + "/" + ROASTER + "/Burner";

    private final ChannelCatalogue catalogue = new ChannelCatalogue(List.of(
            channel("roaster1.drum", GROUP + "/" + ROASTER, "Drum Temp"),
            channel("roaster1.flame", BURNER_PATH, "Flame Temp"),
            channel("roaster1.gas", BURNER_PATH, "Gas Flow"),
            channel("dryer1.moisture", GROUP + "/Dryer1", "Moisture")));
    private final TelemetryHub hub = new TelemetryHub(catalogue, Clock.systemUTC(), TelemetryHub.Settings.defaults());
    private final List<Received> received = new CopyOnWriteArrayList<>();
    @TempDir
    Path dir;
    private RunningBroker broker;
    private MqttAsyncClient host;
    private MqttConnectOptions hostOptions;
    private SparkplugEdgePublisher edge;
    private long time = System.currentTimeMillis();

    /** Starts the broker under test; its persistence, if any, goes under {@code dir}. */
    RunningBroker startBroker(Path dir) {
        return new RunningBroker() {
            private EmbeddedBroker broker = EmbeddedBroker.start();

            @Override
            public String uri() {
                return broker.uri();
            }

            @Override
            public void restart() {
                int port = broker.port();
                broker.close();
                broker = EmbeddedBroker.start(port, null);
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }

    @BeforeEach
    void startBrokerHostAndEdgeNodes() throws Exception {
        broker = startBroker(dir);
        host = new MqttAsyncClient(broker.uri(), "console-host-it", new MemoryPersistence());
        SparkplugHostDecoder decoder = new SparkplugHostDecoder(catalogue, new PahoRebirthRequester(host),
                Clock.systemUTC());
        host.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload()));
                decoder.decode(new IncomingMessage(topic, message.getPayload(), message.isRetained(),
                        System.currentTimeMillis(), System.nanoTime()), hub);
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        hostOptions = new MqttConnectOptions();
        hostOptions.setCleanSession(true);
        hostOptions.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connectHost();

        edge = new SparkplugEdgePublisher(broker.uri(), catalogue, "edge-it");
        await().atMost(WAIT).until(() -> topics().containsAll(List.of(
                "spBv1.0/CocoaIT/NBIRTH/Roaster1", "spBv1.0/CocoaIT/DBIRTH/Roaster1/Burner",
                "spBv1.0/CocoaIT/NBIRTH/Dryer1")));
        assertThat(edge.isOnline(GROUP, ROASTER)).isTrue();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (host != null && host.isConnected()) {
            host.disconnect().waitForCompletion(WAIT.toMillis());
        }
        if (host != null) {
            host.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aliasOnlyDataArrivesAsSamplesOfTheRightChannels() throws Exception {
        publish(180.5, 905.0, 12.25, 7.5);

        awaitValues(180.5, 905.0, 12.25, 7.5);
        List<SparkplugMetric> onTheWire = new ArrayList<>();
        for (Received r : received) {
            if (r.topic().contains("/NDATA/") || r.topic().contains("/DDATA/")) {
                onTheWire.addAll(SparkplugCodec.decode(r.payload()).metrics());
            }
        }
        assertThat(onTheWire).hasSize(4).allSatisfy(m -> {
            assertThat(m.name()).isNull();
            assertThat(m.datatype()).isEqualTo(SparkplugDataType.UNKNOWN);
            assertThat(m.alias()).isNotNull();
        });
        assertThat(hub.diagnostics().count(BadCause.UNKNOWN_ALIAS)).isZero();
        assertThat(hub.diagnostics().count(BadCause.UNKNOWN_CHANNEL)).isZero();
        assertThat(hub.diagnostics().count(BadCause.SEQUENCE_GAP)).isZero();
        assertThat(hub.diagnostics().count(BadCause.MALFORMED_PROTOBUF)).isZero();
    }

    @Test
    void aRebirthRequestOverNcmdGetsANewNbirthAndDataKeepsResolving() {
        publish(180.5, 905.0, 12.25, 7.5);
        awaitValues(180.5, 905.0, 12.25, 7.5);

        new PahoRebirthRequester(host).requestRebirth(GROUP, ROASTER);

        await().atMost(WAIT).until(() -> count("spBv1.0/CocoaIT/NBIRTH/Roaster1") == 2
                && count("spBv1.0/CocoaIT/DBIRTH/Roaster1/Burner") == 2);
        assertThat(count("spBv1.0/CocoaIT/NBIRTH/Dryer1")).isEqualTo(1);
        publish(181.0, 910.0, 12.5, 7.25);
        awaitValues(181.0, 910.0, 12.5, 7.25);
        assertThat(hub.diagnostics().count(BadCause.SEQUENCE_GAP)).isZero();
        assertThat(hub.diagnostics().count(BadCause.DUPLICATE)).isZero();
    }

    @Test
    void aDeviceDeathMarksOnlyItsChannelsStaleUntilTheNextBirthBringsItsLatestValues() {
        publish(180.5, 905.0, 12.25, 7.5);
        awaitValues(180.5, 905.0, 12.25, 7.5);

        edge.publishDeviceDeath(BURNER_PATH);

        await().atMost(WAIT).until(() -> quality("roaster1.flame") == Quality.STALE
                && quality("roaster1.gas") == Quality.STALE);
        assertThat(quality("roaster1.drum")).isEqualTo(Quality.GOOD);

        publish(181.0, 911.0, 13.0, 7.25);
        awaitValue("roaster1.drum", 181.0);
        assertThat(quality("roaster1.flame")).isEqualTo(Quality.STALE);
        assertThat(edge.droppedWhileOffline()).isEqualTo(2);

        edge.publishRebirth(GROUP, ROASTER);
        awaitValues(181.0, 911.0, 13.0, 7.25);
        assertThat(quality("roaster1.flame")).isEqualTo(Quality.GOOD);
    }

    @Test
    void aNodeDeathMarksTheNodeAndItsDevicesStaleButNotOtherNodes() {
        publish(180.5, 905.0, 12.25, 7.5);
        awaitValues(180.5, 905.0, 12.25, 7.5);

        edge.publishNodeDeath(GROUP, ROASTER);

        await().atMost(WAIT).until(() -> quality("roaster1.drum") == Quality.STALE
                && quality("roaster1.flame") == Quality.STALE && quality("roaster1.gas") == Quality.STALE);
        assertThat(quality("dryer1.moisture")).isEqualTo(Quality.GOOD);
        assertThat(edge.isOnline(GROUP, ROASTER)).isFalse();
    }

    @Test
    void closingTheEdgeNodesMarksEveryChannelStale() {
        publish(180.5, 905.0, 12.25, 7.5);
        awaitValues(180.5, 905.0, 12.25, 7.5);

        edge.close();
        edge = null;

        await().atMost(WAIT).until(() -> hub.statuses().stream().allMatch(s -> s.quality() == Quality.STALE));
        assertThat(topics()).contains("spBv1.0/CocoaIT/DDEATH/Roaster1/Burner", "spBv1.0/CocoaIT/NDEATH/Roaster1",
                "spBv1.0/CocoaIT/NDEATH/Dryer1");
    }

    @Test
    void afterABrokerRestartTheNodesReconnectAndBirthWithTheNextBdSeq() throws Exception {
        broker.restart();
        await().atMost(WAIT).until(() -> !host.isConnected());
        connectHost();

        await().atMost(WAIT).until(() -> count("spBv1.0/CocoaIT/NBIRTH/Roaster1") == 2);
        List<Long> bdSeqs = new ArrayList<>();
        for (Received r : received) {
            if (r.topic().equals("spBv1.0/CocoaIT/NBIRTH/Roaster1")) {
                bdSeqs.add((long) SparkplugCodec.decode(r.payload()).metric(SparkplugMetric.BD_SEQ).orElseThrow()
                        .number());
            }
        }
        assertThat(bdSeqs).containsExactly(0L, 1L);
        publish(182.0, 920.0, 14.0, 7.0);
        awaitValues(182.0, 920.0, 14.0, 7.0);
    }

    /** A started broker: its address, a restart on the same port, and a stop. */
    interface RunningBroker extends AutoCloseable {
        String uri();

        void restart();

        @Override
        void close();
    }

    /**
     * Connects and subscribes the test's host client. Moquette 0.17 now and then closes a connection that subscribes
     * right after connecting to a broker that has just started ("SUBSCRIBE received on already closed connection"),
     * seen once in CI: the test's own client (not the console's, which reconnects by itself) tries up to three times.
     */
    private void connectHost() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                if (!host.isConnected()) {
                    host.connect(hostOptions).waitForCompletion(WAIT.toMillis());
                }
                host.subscribe(SparkplugTopic.PREFIX + "#", 0).waitForCompletion(WAIT.toMillis());
                return;
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private List<String> topics() {
        return received.stream().map(Received::topic).toList();
    }

    private void publish(double drum, double flame, double gas, double moisture) {
        time += 100;
        edge.publish(List.of(sample("roaster1.drum", drum), sample("roaster1.flame", flame),
                sample("roaster1.gas", gas), sample("dryer1.moisture", moisture),
                new SimSample(def("roaster1.drum"), time + 1, -1, true)));
    }

    private SimSample sample(String id, double value) {
        return new SimSample(def(id), time, value, false);
    }

    private void awaitValues(double drum, double flame, double gas, double moisture) {
        awaitValue("roaster1.drum", drum);
        awaitValue("roaster1.flame", flame);
        awaitValue("roaster1.gas", gas);
        awaitValue("dryer1.moisture", moisture);
    }

    private void awaitValue(String id, double value) {
        await().atMost(WAIT).untilAsserted(() -> {
            ChannelStatus s = hub.status(id);
            assertThat(s.value()).as(id).isEqualTo(value);
            assertThat(s.quality()).as(id).isEqualTo(Quality.GOOD);
        });
    }

    private Quality quality(String id) {
        return hub.status(id).quality();
    }

    private long count(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).count();
    }

    private ChannelDef def(String id) {
        return catalogue.byId(id).orElseThrow();
    }

    private record Received(String topic, byte[] payload) {
    }

    private static ChannelDef channel(String id, String path, String metric) {
        return new ChannelDef(id, id, "Roasting", "Roaster 1", "°C", 0, 2000, 0, 1500, 1,
                new ChannelSource(SourceKind.SPARKPLUG, path, metric));
    }
}
