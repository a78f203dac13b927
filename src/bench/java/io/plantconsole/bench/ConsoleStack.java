package io.plantconsole.bench;

import io.plantconsole.infra.mqtt.JsonTelemetryDecoder;
import io.plantconsole.infra.mqtt.MqttSettings;
import io.plantconsole.infra.mqtt.MqttTelemetrySource;
import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The console's ingest path as the app wires it: {@link MqttTelemetrySource} → {@link IngestPipeline} →
 * {@link JsonTelemetryDecoder} → {@link TelemetryHub}, with the alarm-ready hook registered as a sample listener.
 * Sizes as in {@code AppContext}; the Sparkplug decoder that the app puts after the JSON decoder is left out (it is
 * never asked for {@code plant/} topics).
 */
final class ConsoleStack implements AutoCloseable {
    /** As {@code AppContext.QUEUE_CAPACITY} / {@code MAX_PAYLOAD_BYTES} (package-private there). */
    static final int QUEUE_CAPACITY = 200_000;
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    final TelemetryHub hub;
    final JsonTelemetryDecoder decoder;
    final IngestPipeline pipeline;
    final MqttTelemetrySource source;
    final AlarmHook hook;
    final String clientId;
    final boolean persistent;
    private final String uri;

    ConsoleStack(String uri, String clientId, boolean persistent, int qos, ChannelCatalogue catalogue,
                 TelemetryHub.Settings settings, int queueCapacity) {
        this.uri = uri;
        this.clientId = clientId;
        this.persistent = persistent;
        Clock clock = Clock.systemUTC();
        this.hub = new TelemetryHub(catalogue, clock, settings);
        this.hook = new AlarmHook(catalogue);
        hub.addListener(hook);
        this.decoder = new JsonTelemetryDecoder(catalogue, BenchCatalogue.TOPIC_PREFIX, Duration.ofSeconds(30));
        this.pipeline = new IngestPipeline(hub, List.of(decoder), clock, queueCapacity, MAX_PAYLOAD_BYTES);
        List<String> filters = List.of(BenchCatalogue.TOPIC_FILTER);
        MqttSettings s = persistent ? MqttSettings.persistent(uri, clientId, filters, qos)
                : MqttSettings.clean(uri, clientId, filters, qos);
        this.source = new MqttTelemetrySource(s, pipeline);
    }

    void start(long timeoutMillis) throws InterruptedException {
        source.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (source.state() != ConnectionState.CONNECTED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("console did not connect: " + source.lastError());
            }
            Thread.sleep(10);
        }
    }

    long queueFull() {
        return hub.diagnostics().count(BadCause.QUEUE_FULL);
    }

    @Override
    public void close() {
        source.close();
        pipeline.close();
        if (persistent) {
            try {
                Mqtt.clearSession(uri, clientId);
            } catch (Exception e) {
                throw new IllegalStateException("could not end the persistent session of " + clientId, e);
            }
        }
    }
}
