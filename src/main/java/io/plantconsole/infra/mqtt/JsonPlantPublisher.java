package io.plantconsole.infra.mqtt;

import io.plantconsole.sim.PlantPublisher;
import io.plantconsole.sim.SimSample;
import io.plantconsole.telemetry.model.SourceKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the simulated samples of the catalogue's JSON-source channels in the plain JSON topic layout (README
 * "Topic layout"), one MQTT 3.1.1 connection (Paho {@link MqttAsyncClient}, clean session, automatic reconnect capped
 * at 5 s, the first connect retried here, in-flight window 65 535 for QoS 1 bursts).
 *
 * <p>Each sample goes to its channel's topic as {@code {"ts":<epoch ms>,"value":<number>,"seq":<n>}}, with
 * {@code "quality":"bad"} added for a bad sample; {@code seq} counts messages per topic from 1. With
 * {@code maxSamplesPerMessage > 1}, several samples of one channel in one {@link #publish} call go out together in
 * the batch form {@code {"seq":<n>,"samples":[{"ts":..,"value":..},...]}}, at most that many per message, one
 * {@code seq} per message. Sparkplug-source channels are left to the Sparkplug publisher.
 *
 * <p>{@link #publish} never waits for the network: while the client is offline (or its in-flight window is full)
 * the samples are dropped and counted, and their messages still use up their {@code seq}, so the console sees the
 * gap. Non-finite values (the simulator makes none) are skipped and counted.
 */
public final class JsonPlantPublisher implements PlantPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(JsonPlantPublisher.class);
    private static final int MAX_INFLIGHT = 65_535;
    private static final int MAX_RECONNECT_DELAY_MILLIS = 5_000;
    private static final long FIRST_RETRY_DELAY_MILLIS = 500;
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final int qos;
    private final Encoder encoder;
    private final ScheduledExecutorService connector;
    private final LongAdder published = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder droppedWhileOffline = new LongAdder();
    private final LongAdder droppedInflightFull = new LongAdder();
    private final LongAdder skippedNotFinite = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final FirstConnect firstConnect;
    private volatile boolean closed;

    /** One message per sample. */
    public JsonPlantPublisher(String serverUri, String clientId, int qos) {
        this(serverUri, clientId, qos, 1);
    }

    /**
     * Creates the client and starts connecting in the background; returns at once.
     *
     * @param serverUri            broker URI, for example {@code tcp://127.0.0.1:1883}
     * @param qos                  0, 1 or 2
     * @param maxSamplesPerMessage most samples of one channel per message (1: never the batch form)
     * @throws IllegalArgumentException for an invalid URI, client id, QoS or batch size
     */
    public JsonPlantPublisher(String serverUri, String clientId, int qos, int maxSamplesPerMessage) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + qos);
        }
        this.qos = qos;
        this.encoder = new Encoder(maxSamplesPerMessage);
        try {
            this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + serverUri + ": "
                    + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(MAX_RECONNECT_DELAY_MILLIS);
        options.setMaxInflight(MAX_INFLIGHT);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "json-publisher-connect");
            t.setDaemon(true);
            return t;
        });
        this.firstConnect = new FirstConnect(client, () -> options, connector, FIRST_RETRY_DELAY_MILLIS,
                MAX_RECONNECT_DELAY_MILLIS, () -> closed, (cause, failures, retryIn) -> {
                    if (failures == 1) {
                        LOG.warn("JSON plant publisher cannot connect to {} ({}); retrying every few seconds",
                                client.getServerURI(), cause.toString());
                    }
                });
        firstConnect.start();
    }

    /**
     * Publishes the JSON-source samples of one tick. Called on the {@code plant-sim} thread (one thread at a time);
     * never waits for the network.
     */
    @Override
    public void publish(List<SimSample> samples) {
        if (closed) {
            return;
        }
        if (!client.isConnected()) {
            droppedWhileOffline.add(encoder.skip(samples));
            skippedNotFinite.add(encoder.takeNotFinite());
            return;
        }
        for (Message m : encoder.encode(samples)) {
            send(m);
        }
        skippedNotFinite.add(encoder.takeNotFinite());
    }

    private void send(Message m) {
        try {
            client.publish(m.topic(), m.payload(), qos, false);
            published.add(m.samples());
            messages.increment();
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                droppedInflightFull.add(m.samples());
            } else {
                droppedWhileOffline.add(m.samples());
            }
        } catch (IllegalArgumentException e) {
            if (rejected.sum() == 0) {
                LOG.warn("JSON plant publisher: the client refused topic '{}': {}", m.topic(), e.getMessage());
            }
            rejected.add(m.samples());
        }
    }

    /** Samples handed to the client. Any thread. */
    public long published() {
        return published.sum();
    }

    /** Messages handed to the client. Any thread. */
    public long messagesPublished() {
        return messages.sum();
    }

    /** Samples not sent because the client was not connected. Any thread. */
    public long droppedWhileOffline() {
        return droppedWhileOffline.sum();
    }

    /** Samples not sent because the client's in-flight window was full. Any thread. */
    public long droppedInflightFull() {
        return droppedInflightFull.sum();
    }

    /** Samples skipped because their value was NaN or infinite. Any thread. */
    public long skippedNotFinite() {
        return skippedNotFinite.sum();
    }

    /** Samples the client refused outright (an invalid topic in the catalogue). Any thread. */
    public long rejected() {
        return rejected.sum();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Disconnects, waiting a few seconds at most. Must not be called on a Paho callback thread. */
    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(CLOSE_WAIT_MILLIS / 2).waitForCompletion(CLOSE_WAIT_MILLIS);
            }
        } catch (MqttException e) {
            LOG.debug("JSON publisher did not disconnect cleanly: {}", e.getMessage());
            try {
                client.disconnectForcibly(0, CLOSE_WAIT_MILLIS / 2);
            } catch (MqttException ignored) {
                LOG.trace("forced disconnect failed", ignored);
            }
        }
        try {
            client.close();
        } catch (MqttException e) {
            LOG.debug("JSON publisher client not closed: {}", e.getMessage());
        }
    }

    /** Paho callbacks: log only, never block. */
    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            firstConnect.succeeded();
            LOG.info("JSON plant publisher {} to {}", reconnect ? "reconnected" : "connected", serverUri);
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (!closed) {
                LOG.warn("JSON plant publisher lost its connection ({}); samples are dropped until it reconnects",
                        String.valueOf(cause));
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // publish-only client: subscribes to nothing
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // nothing to track
        }
    }

    /** One MQTT message: its topic, its payload and how many samples it carries. */
    record Message(String topic, byte[] payload, int samples) {
    }

    /**
     * Turns one tick's samples into messages: JSON-source channels only, grouped by channel in order of first
     * appearance, each channel's samples in chunks of at most {@code maxSamplesPerMessage}, {@code seq} per topic.
     * Not thread-safe (the {@code plant-sim} thread only).
     */
    static final class Encoder {
        private final int maxSamplesPerMessage;
        private final Map<String, long[]> seqByTopic = new HashMap<>();
        private long notFinite;

        Encoder(int maxSamplesPerMessage) {
            if (maxSamplesPerMessage < 1) {
                throw new IllegalArgumentException("maxSamplesPerMessage must be at least 1, got "
                        + maxSamplesPerMessage);
            }
            this.maxSamplesPerMessage = maxSamplesPerMessage;
        }

        List<Message> encode(List<SimSample> samples) {
            List<Message> out = new ArrayList<>();
            group(samples).forEach((topic, list) -> {
                for (int from = 0; from < list.size(); from += maxSamplesPerMessage) {
                    List<SimSample> chunk = list.subList(from, Math.min(list.size(), from + maxSamplesPerMessage));
                    long seq = nextSeq(topic);
                    String json = chunk.size() == 1 ? payload(chunk.get(0), seq) : batchPayload(chunk, seq);
                    out.add(new Message(topic, json.getBytes(StandardCharsets.UTF_8), chunk.size()));
                }
            });
            return out;
        }

        /** Uses up the {@code seq} numbers the samples' messages would have had; returns how many samples. */
        long skip(List<SimSample> samples) {
            long count = 0;
            for (Map.Entry<String, List<SimSample>> e : group(samples).entrySet()) {
                int n = e.getValue().size();
                seqByTopic.computeIfAbsent(e.getKey(), k -> new long[1])[0] +=
                        (n + maxSamplesPerMessage - 1) / maxSamplesPerMessage;
                count += n;
            }
            return count;
        }

        /** Non-finite samples left out since the last call. */
        long takeNotFinite() {
            long n = notFinite;
            notFinite = 0;
            return n;
        }

        private Map<String, List<SimSample>> group(List<SimSample> samples) {
            Map<String, List<SimSample>> byTopic = new LinkedHashMap<>();
            for (SimSample s : samples) {
                if (s.channel().source().kind() != SourceKind.JSON) {
                    continue;
                }
                if (!Double.isFinite(s.value())) {
                    notFinite++;
                    continue;
                }
                byTopic.computeIfAbsent(s.channel().source().topic(), t -> new ArrayList<>()).add(s);
            }
            return byTopic;
        }

        private long nextSeq(String topic) {
            return ++seqByTopic.computeIfAbsent(topic, k -> new long[1])[0];
        }
    }

    /** The single-sample form: {@code {"ts":..,"value":..,"seq":..}} plus {@code "quality":"bad"} when bad. */
    static String payload(SimSample sample, long seq) {
        StringBuilder sb = new StringBuilder(64);
        sb.append("{\"ts\":").append(sample.timestampMillis())
                .append(",\"value\":").append(number(sample.value()))
                .append(",\"seq\":").append(seq);
        if (sample.bad()) {
            sb.append(",\"quality\":\"bad\"");
        }
        return sb.append('}').toString();
    }

    /** The batch form: {@code {"seq":..,"samples":[{"ts":..,"value":..},...]}}, a bad sample with its quality. */
    static String batchPayload(List<SimSample> samples, long seq) {
        StringBuilder sb = new StringBuilder(24 + 40 * samples.size());
        sb.append("{\"seq\":").append(seq).append(",\"samples\":[");
        for (int i = 0; i < samples.size(); i++) {
            SimSample s = samples.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"ts\":").append(s.timestampMillis()).append(",\"value\":").append(number(s.value()));
            if (s.bad()) {
                sb.append(",\"quality\":\"bad\"");
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    /** A JSON number; non-finite values never get here (the encoder leaves them out). */
    private static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a JSON number: " + v);
        }
        return Double.toString(v);
    }
}
