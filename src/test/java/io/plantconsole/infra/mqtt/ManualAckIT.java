package io.plantconsole.infra.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.testing.MosquittoBroker;
import io.plantconsole.testing.TestCatalogues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manual acknowledgements against Debian's mosquitto (ADR 0019): a QoS 1 message is acknowledged only once it is
 * queued, so a persistent session's backlog waits at the broker instead of being dropped by a full ingest queue;
 * closing never waits on a full queue; QoS 0 messages are still dropped and counted.
 */
class ManualAckIT {
    private static final int CHANNELS = 20;
    private static final String FILTER = "plant/backlog/#";

    @TempDir
    Path dir;

    private final ChannelCatalogue catalogue = catalogue();
    private final Clock clock = Clock.systemUTC();
    private final long baseTs = System.currentTimeMillis() - 3_600_000L;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private MosquittoBroker broker;

    @BeforeEach
    void startMosquitto() {
        MosquittoBroker.assumeInstalled();
        broker = MosquittoBroker.start(dir.resolve("mosquitto"));
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aBacklogOf200000Qos1MessagesPassesASmallQueueExactlyOnceWithoutADrop() throws Exception {
        int messages = 200_000;
        String clientId = "console-backlog-it";
        createPersistentSession(clientId);
        publish(messages, 1);

        TelemetryHub hub = new TelemetryHub(catalogue, clock, TelemetryHub.Settings.defaults());
        AtomicLong seen = new AtomicLong();
        hub.addListener((id, t, v, q, n) -> {
            if (seen.incrementAndGet() % 5_000 == 0) {
                sleep(20); // a telemetry thread that falls behind now and then, as under a burst
            }
        });
        IngestPipeline pipeline = track(new IngestPipeline(hub, List.of(decoder()), clock, 100, 65_536));
        MqttTelemetrySource console = track(new MqttTelemetrySource(
                MqttSettings.persistent(broker.uri(), clientId, List.of(FILTER), 1), pipeline));
        console.start();

        await().atMost(Duration.ofSeconds(120))
                .until(() -> hub.acceptedSamples() + hub.diagnostics().total() >= messages);
        Thread.sleep(500); // nothing extra may trickle in
        assertThat(hub.acceptedSamples()).isEqualTo(messages);
        assertThat(pipeline.messagesReceived()).as("no message delivered twice").isEqualTo(messages);
        assertThat(pipeline.messagesWaitedForRoom()).as("the queue was full and the client waited").isPositive();
        assertThat(hub.diagnostics().count(BadCause.QUEUE_FULL)).as("dropped").isZero();
        assertThat(hub.diagnostics().total()).as("rejected or dropped").isZero();
        for (ChannelDef c : catalogue.channels()) {
            assertThat(hub.status(c.id()).received()).as(c.id()).isEqualTo(messages / CHANNELS);
        }
        assertThat(console.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void closingWhileTheQueueIsFullReturnsAtOnceAndWhatWasNotQueuedIsDeliveredAgain() throws Exception {
        int messages = 2_000;
        String clientId = "console-close-it";
        createPersistentSession(clientId);
        publish(messages, 1);

        TelemetryHub hub = new TelemetryHub(catalogue, clock, TelemetryHub.Settings.defaults());
        CountDownLatch release = new CountDownLatch(1);
        hub.addListener((id, t, v, q, n) -> {
            try {
                release.await(); // the telemetry thread stalls on its first sample
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        IngestPipeline first = new IngestPipeline(hub, List.of(decoder()), clock, 8, 65_536);
        MqttTelemetrySource console = new MqttTelemetrySource(
                MqttSettings.persistent(broker.uri(), clientId, List.of(FILTER), 1), first);
        try {
            console.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> first.messagesWaitedForRoom() > 0);
            Thread.sleep(200);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(console::close);
            closing.get(8, TimeUnit.SECONDS); // a deadlock on Paho's callback thread never returns
            assertThat(console.state()).isEqualTo(ConnectionState.DISCONNECTED);
        } finally {
            release.countDown();
            console.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> first.queued() == 0
                && hub.acceptedSamples() == first.messagesProcessed());
        first.close();
        long beforeReconnect = hub.acceptedSamples();
        assertThat(beforeReconnect).isBetween(1L, (long) messages - 1);

        IngestPipeline second = track(new IngestPipeline(hub, List.of(decoder()), clock, 8, 65_536));
        MqttTelemetrySource again = track(new MqttTelemetrySource(
                MqttSettings.persistent(broker.uri(), clientId, List.of(FILTER), 1), second));
        again.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.acceptedSamples() >= messages);
        Thread.sleep(300);
        assertThat(hub.acceptedSamples()).as("every sample once").isEqualTo(messages);
        assertThat(hub.diagnostics().count(BadCause.QUEUE_FULL)).as("dropped").isZero();
    }

    @Test
    void qos0MessagesThatFindTheQueueFullAreDroppedAndCountedWithoutWaiting() throws Exception {
        int messages = 3_000;
        TelemetryHub hub = new TelemetryHub(catalogue, clock, TelemetryHub.Settings.defaults());
        CountDownLatch release = new CountDownLatch(1);
        toClose.add(release::countDown);
        hub.addListener((id, t, v, q, n) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        IngestPipeline pipeline = track(new IngestPipeline(hub, List.of(decoder()), clock, 8, 65_536));
        MqttTelemetrySource console = track(new MqttTelemetrySource(
                MqttSettings.clean(broker.uri(), "console-qos0-it", List.of(FILTER), 0), pipeline));
        console.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> console.state() == ConnectionState.CONNECTED);
        Thread.sleep(300); // the subscription is made in connectComplete without waiting for the SUBACK

        publish(messages, 0);

        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.messagesReceived() == messages);
        long dropped = hub.diagnostics().count(BadCause.QUEUE_FULL);
        assertThat(dropped).isGreaterThanOrEqualTo(messages - 8 - 1024L); // queue + one batch in the worker's hands
        assertThat(pipeline.messagesWaitedForRoom()).isZero();
        assertThat(console.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    /** Makes the broker keep QoS 1 messages for this client id while it is away. */
    private void createPersistentSession(String clientId) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker.uri(), clientId, new MemoryPersistence());
        try {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(false);
            c.connect(o).waitForCompletion(10_000);
            c.subscribe(FILTER, 1).waitForCompletion(10_000);
            c.disconnect().waitForCompletion(5_000);
        } finally {
            c.close(true);
        }
    }

    /** Publishes {@code n} samples round-robin over the channels, waiting until the broker has taken every one. */
    private void publish(int n, int qos) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(broker.uri(), "plant-feed-it", new MemoryPersistence());
        Semaphore window = new Semaphore(1000);
        AtomicLong failures = new AtomicLong();
        IMqttActionListener done = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failures.incrementAndGet();
                window.release();
            }
        };
        try {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMaxInflight(1000);
            c.connect(o).waitForCompletion(10_000);
            List<ChannelDef> channels = catalogue.channels();
            for (int i = 0; i < n; i++) {
                ChannelDef ch = channels.get(i % CHANNELS);
                byte[] payload = String.format(Locale.ROOT, "{\"ts\":%d,\"value\":%d}", baseTs + i / CHANNELS, i)
                        .getBytes(StandardCharsets.UTF_8);
                window.acquire();
                c.publish(ch.source().topic(), payload, qos, false, null, done);
            }
            assertThat(window.tryAcquire(1000, 60, TimeUnit.SECONDS)).as("publishes completed").isTrue();
            assertThat(failures.get()).as("failed publishes").isZero();
        } finally {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(5_000);
            }
            c.close(true);
        }
    }

    private JsonTelemetryDecoder decoder() {
        return new JsonTelemetryDecoder(catalogue, "plant/", Duration.ofMinutes(5));
    }

    private <T extends AutoCloseable> T track(T c) {
        toClose.add(c);
        return c;
    }

    private static ChannelCatalogue catalogue() {
        List<ChannelDef> list = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            list.add(TestCatalogues.json(String.format(Locale.ROOT, "backlog.ch%02d", i), "Backlog", 10));
        }
        return new ChannelCatalogue(list);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
