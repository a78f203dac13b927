package io.plantconsole.infra.mqtt.sparkplug;

import io.plantconsole.infra.mqtt.FirstConnect;
import io.plantconsole.infra.mqtt.sparkplug.SparkplugTopic.MessageType;
import io.plantconsole.sim.PlantPublisher;
import io.plantconsole.sim.SimSample;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.SourceKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo plant as Sparkplug B 3.0 edge nodes: one MQTT connection per {@code group/edgeNode} of the catalogue's
 * Sparkplug channels (MQTT 3.1.1, clean session, automatic reconnect capped at 5 s, the first connect retried here).
 *
 * <p>Each CONNECT carries an NDEATH Will with a new {@code bdSeq} (0–255). Once connected a node subscribes to its
 * NCMD topic and publishes its NBIRTH (seq 0, {@code bdSeq}, {@code Node Control/Rebirth} and its node-level metrics
 * with name, alias, datatype Double and latest value, or {@code is_null} before the first sample), then a DBIRTH per
 * device. An NCMD {@code Node Control/Rebirth = true} repeats the births with the same {@code bdSeq}. Data goes out
 * as NDATA/DDATA with aliases only, QoS 0, {@code seq} +1 mod 256 per message; bad samples are not sent. While a node
 * is offline (or its device dead) samples are dropped and counted, never queued, so {@link #publish} does not block.
 * {@link #close} publishes DDEATHs and an NDEATH before disconnecting, since a clean disconnect does not fire the Will.
 *
 * <p>{@link #publish} runs on the {@code plant-sim} thread, births answering NCMD on the Paho callback thread, the
 * fault-injection methods on any thread; each node serialises them under its own lock, so a message's {@code seq}
 * matches its place on the wire.
 */
public final class SparkplugEdgePublisher implements PlantPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SparkplugEdgePublisher.class);
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int MAX_RECONNECT_DELAY_MILLIS = 5_000;
    private static final long FIRST_RETRY_DELAY_MILLIS = 500;
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final Map<String, EdgeNode> nodes = new LinkedHashMap<>();
    private final Map<String, Slot> slotsByChannel = new HashMap<>();
    private final LongAdder droppedWhileOffline = new LongAdder();
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sparkplug-edge-connect");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * Creates one client per edge node and starts connecting in the background; returns at once.
     *
     * @param serverUri      broker URI, for example {@code tcp://127.0.0.1:1883}
     * @param clientIdPrefix the client id of each node is this, the group and the node id
     * @throws IllegalArgumentException when the URI is not a valid MQTT server URI, or a Sparkplug source's group or
     *                                  node id contains {@code /}, {@code +} or {@code #}
     */
    public SparkplugEdgePublisher(String serverUri, ChannelCatalogue catalogue, String clientIdPrefix) {
        Map<String, Long> nextAlias = new HashMap<>();
        for (ChannelDef c : catalogue.channels()) {
            if (c.source().kind() != SourceKind.SPARKPLUG) {
                continue;
            }
            String[] parts = c.source().topic().split("/", -1);
            if (parts.length < 2 || parts.length > 3) {
                LOG.warn("Channel {}: Sparkplug source '{}' is not group/edgeNode[/device]; not simulated", c.id(),
                        c.source().topic());
                continue;
            }
            EdgeNode node = nodes.computeIfAbsent(parts[0] + "/" + parts[1], p -> new EdgeNode(parts[0], parts[1]));
            Device device = parts.length == 3
                    ? node.devices.computeIfAbsent(parts[2], d -> new Device(node, d)) : null;
            long alias = nextAlias.merge(node.path, 1L, Long::sum);
            Slot slot = new Slot(node, c.source().metric(), alias, device);
            (device == null ? node.metrics : device.metrics).add(slot);
            slotsByChannel.put(c.id(), slot);
        }
        for (EdgeNode node : nodes.values()) {
            node.createClient(serverUri, clientIdPrefix);
        }
        nodes.values().forEach(EdgeNode::connect);
    }

    /** Publishes one tick of samples. Called on the {@code plant-sim} thread; never waits for the network. */
    @Override
    public void publish(List<SimSample> samples) {
        Map<EdgeNode, List<SimSample>> byNode = new LinkedHashMap<>();
        for (SimSample s : samples) {
            Slot slot = slotsByChannel.get(s.channel().id());
            if (slot != null && !s.bad()) {
                byNode.computeIfAbsent(slot.node, n -> new ArrayList<>()).add(s);
            }
        }
        byNode.forEach(EdgeNode::publishData);
    }

    /** Samples not sent because their node was offline or dead, or their device dead. Any thread. */
    public long droppedWhileOffline() {
        return droppedWhileOffline.sum();
    }

    /** Whether the node is connected and has published its NBIRTH. Any thread. */
    public boolean isOnline(String group, String edgeNode) {
        return node(group, edgeNode).isOnline();
    }

    /**
     * Fault injection: publishes a DDEATH for {@code group/edgeNode/device}; its data stops until the node's next
     * birth. Any thread; does not wait.
     */
    public void publishDeviceDeath(String devicePath) {
        String[] parts = devicePath.split("/", -1);
        EdgeNode node = parts.length == 3 ? nodes.get(parts[0] + "/" + parts[1]) : null;
        Device device = node == null ? null : node.devices.get(parts[2]);
        if (device == null) {
            throw new IllegalArgumentException("no simulated Sparkplug device " + devicePath);
        }
        node.deviceDeath(device);
    }

    /**
     * Fault injection: publishes the node's NDEATH (current {@code bdSeq}) while staying connected; the node and its
     * devices stay silent until {@link #publishRebirth} or an NCMD rebirth. Any thread; does not wait.
     */
    public void publishNodeDeath(String group, String edgeNode) {
        node(group, edgeNode).nodeDeath();
    }

    /** Publishes fresh births for the node and all its devices, as an NCMD rebirth does. Any thread. */
    public void publishRebirth(String group, String edgeNode) {
        node(group, edgeNode).rebirth();
    }

    /**
     * Publishes the deaths and disconnects every node, waiting at most a few seconds. Must not be called on a Paho
     * callback thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connector.shutdownNow();
        List<IMqttToken> pending = new ArrayList<>();
        for (EdgeNode node : nodes.values()) {
            pending.addAll(node.publishDeaths());
        }
        long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
        for (IMqttToken token : pending) {
            try {
                token.waitForCompletion(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (MqttException e) {
                LOG.debug("Sparkplug death not confirmed: {}", e.getMessage());
            }
        }
        nodes.values().forEach(EdgeNode::disconnect);
    }

    private EdgeNode node(String group, String edgeNode) {
        EdgeNode node = nodes.get(group + "/" + edgeNode);
        if (node == null) {
            throw new IllegalArgumentException("no simulated Sparkplug edge node " + group + "/" + edgeNode);
        }
        return node;
    }

    private static String clientIdPart(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** One metric of a node or device; its latest value is guarded by the node's lock. */
    private static final class Slot {
        final EdgeNode node;
        final String name;
        final long alias;
        final Device device;
        boolean hasValue;
        double value;
        long timestamp;

        Slot(EdgeNode node, String name, long alias, Device device) {
            this.node = node;
            this.name = name;
            this.alias = alias;
            this.device = device;
        }

        SparkplugMetric birthMetric(long now) {
            return hasValue
                    ? SparkplugMetric.numeric(name, alias, timestamp, SparkplugDataType.DOUBLE, value)
                    : SparkplugMetric.nullOf(name, alias, now, SparkplugDataType.DOUBLE);
        }
    }

    private static final class Device {
        final String id;
        final String path;
        final String birthTopic;
        final String dataTopic;
        final String deathTopic;
        final List<Slot> metrics = new ArrayList<>();
        boolean alive;

        Device(EdgeNode node, String id) {
            this.id = id;
            this.path = node.path + "/" + id;
            this.birthTopic = SparkplugTopic.device(node.group, MessageType.DBIRTH, node.edgeNode, id).topic();
            this.dataTopic = SparkplugTopic.device(node.group, MessageType.DDATA, node.edgeNode, id).topic();
            this.deathTopic = SparkplugTopic.device(node.group, MessageType.DDEATH, node.edgeNode, id).topic();
        }
    }

    private final class EdgeNode implements MqttCallbackExtended {
        final String group;
        final String edgeNode;
        final String path;
        final String birthTopic;
        final String deathTopic;
        final String dataTopic;
        final String commandTopic;
        final List<Slot> metrics = new ArrayList<>();
        final Map<String, Device> devices = new LinkedHashMap<>();
        final MqttConnectOptions options = new MqttConnectOptions();
        MqttAsyncClient client;
        private int bdSeq;
        private int seq;
        private boolean online;
        private FirstConnect firstConnect;

        EdgeNode(String group, String edgeNode) {
            this.group = group;
            this.edgeNode = edgeNode;
            this.path = group + "/" + edgeNode;
            this.birthTopic = SparkplugTopic.node(group, MessageType.NBIRTH, edgeNode).topic();
            this.deathTopic = SparkplugTopic.node(group, MessageType.NDEATH, edgeNode).topic();
            this.dataTopic = SparkplugTopic.node(group, MessageType.NDATA, edgeNode).topic();
            this.commandTopic = SparkplugTopic.node(group, MessageType.NCMD, edgeNode).topic();
        }

        void createClient(String serverUri, String clientIdPrefix) {
            String clientId = clientIdPrefix + "-" + clientIdPart(group) + "-" + clientIdPart(edgeNode);
            try {
                client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
            } catch (MqttException e) {
                throw new IllegalArgumentException("cannot create an MQTT client for " + serverUri + ": "
                        + e.getMessage(), e);
            }
            client.setCallback(this);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            options.setAutomaticReconnect(true);
            options.setMaxReconnectDelay(MAX_RECONNECT_DELAY_MILLIS);
            options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
            options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        }

        /** First connect and its retries; later reconnects are Paho's. */
        void connect() {
            firstConnect = new FirstConnect(client, () -> options, connector, FIRST_RETRY_DELAY_MILLIS,
                    MAX_RECONNECT_DELAY_MILLIS, () -> closed, new FirstConnect.Listener() {
                        @Override
                        public void beforeAttempt() {
                            synchronized (EdgeNode.this) {
                                setWill();
                            }
                        }

                        @Override
                        public void failed(Throwable cause, int failures, long retryInMillis) {
                            synchronized (EdgeNode.this) {
                                bdSeq = (bdSeq + 1) % 256;
                            }
                            if (failures == 1) {
                                LOG.warn("Sparkplug edge node {} cannot connect to {} ({}); retrying every few "
                                        + "seconds", path, client.getServerURI(), cause.toString());
                            }
                        }
                    });
            firstConnect.start();
        }

        /** Paho callback thread, after every successful (re)connect. */
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                firstConnect.succeeded();
                try {
                    client.subscribe(commandTopic, 0);
                } catch (MqttException e) {
                    LOG.warn("Sparkplug edge node {} cannot subscribe to {}: {}", path, commandTopic, e.getMessage());
                }
                publishBirths();
                LOG.info("Sparkplug edge node {} {} to {} (bdSeq {})", path, reconnect ? "reconnected" : "connected",
                        serverUri, bdSeq);
            }
        }

        /** Paho thread. The next CONNECT (Paho's automatic reconnect reuses these options) gets a new bdSeq. */
        @Override
        public void connectionLost(Throwable cause) {
            synchronized (this) {
                online = false;
                bdSeq = (bdSeq + 1) % 256;
                setWill();
            }
            LOG.warn("Sparkplug edge node {} lost its connection ({}); reconnecting", path, cause.toString());
        }

        /** Paho callback thread: answers a rebirth request; never throws, which would drop the connection. */
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (!commandTopic.equals(topic)) {
                return;
            }
            try {
                SparkplugPayload command = SparkplugCodec.decode(message.getPayload());
                boolean rebirth = command.metric(SparkplugMetric.NODE_CONTROL_REBIRTH)
                        .map(SparkplugMetric::booleanValue).orElse(false);
                if (rebirth) {
                    LOG.info("Sparkplug edge node {} received a rebirth request", path);
                    rebirth();
                }
            } catch (SparkplugCodec.MalformedPayloadException | RuntimeException e) {
                LOG.warn("Sparkplug edge node {} ignored a bad NCMD: {}", path, e.getMessage());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        synchronized boolean isOnline() {
            return online && client.isConnected();
        }

        synchronized void rebirth() {
            if (!closed && client.isConnected()) {
                publishBirths();
            }
        }

        synchronized void publishData(List<SimSample> samples) {
            List<SparkplugMetric> nodeMetrics = new ArrayList<>();
            Map<Device, List<SparkplugMetric>> deviceMetrics = new LinkedHashMap<>();
            boolean up = online && client.isConnected();
            for (SimSample s : samples) {
                Slot slot = slotsByChannel.get(s.channel().id());
                slot.hasValue = true;
                slot.value = s.value();
                slot.timestamp = s.timestampMillis();
                if (!up || slot.device != null && !slot.device.alive) {
                    droppedWhileOffline.increment();
                    continue;
                }
                SparkplugMetric m = SparkplugMetric.numeric(slot.name, slot.alias, s.timestampMillis(),
                        SparkplugDataType.DOUBLE, s.value()).aliasOnly();
                (slot.device == null ? nodeMetrics : deviceMetrics.computeIfAbsent(slot.device,
                        d -> new ArrayList<>())).add(m);
            }
            long now = clock.millis();
            if (!nodeMetrics.isEmpty()) {
                sendData(dataTopic, new SparkplugPayload(now, nextSeq(), nodeMetrics));
            }
            deviceMetrics.forEach((device, metrics) ->
                    sendData(device.dataTopic, new SparkplugPayload(now, nextSeq(), metrics)));
        }

        synchronized void deviceDeath(Device device) {
            if (device.alive && online && client.isConnected()) {
                send(device.deathTopic, new SparkplugPayload(clock.millis(), nextSeq(), List.of()), 0);
            }
            device.alive = false;
        }

        synchronized void nodeDeath() {
            if (online && client.isConnected()) {
                send(deathTopic, deathPayload(), 1);
            }
            markOffline();
        }

        /** DDEATHs and NDEATH before a clean disconnect; returns their tokens to wait on outside the lock. */
        synchronized List<IMqttToken> publishDeaths() {
            List<IMqttToken> tokens = new ArrayList<>();
            if (online && client.isConnected()) {
                long now = clock.millis();
                for (Device d : devices.values()) {
                    if (d.alive) {
                        addIfSent(tokens, send(d.deathTopic, new SparkplugPayload(now, nextSeq(), List.of()), 0));
                    }
                }
                addIfSent(tokens, send(deathTopic, deathPayload(), 1));
            }
            markOffline();
            return tokens;
        }

        void disconnect() {
            try {
                if (client.isConnected()) {
                    client.disconnect(CLOSE_WAIT_MILLIS / 2).waitForCompletion(CLOSE_WAIT_MILLIS);
                }
            } catch (MqttException e) {
                LOG.debug("Sparkplug edge node {} did not disconnect cleanly: {}", path, e.getMessage());
                try {
                    client.disconnectForcibly(0, CLOSE_WAIT_MILLIS / 2);
                } catch (MqttException ignored) {
                    LOG.trace("forced disconnect of {} failed", path, ignored);
                }
            }
            try {
                client.close();
            } catch (MqttException e) {
                LOG.debug("Sparkplug edge node {} client not closed: {}", path, e.getMessage());
            }
        }

        private void markOffline() {
            online = false;
            devices.values().forEach(d -> d.alive = false);
        }

        /** Under the lock: NBIRTH with seq 0, then a DBIRTH per device. */
        private void publishBirths() {
            long now = clock.millis();
            seq = 0;
            List<SparkplugMetric> birth = new ArrayList<>();
            birth.add(SparkplugMetric.numeric(SparkplugMetric.BD_SEQ, null, now, SparkplugDataType.UINT64, bdSeq));
            birth.add(SparkplugMetric.bool(SparkplugMetric.NODE_CONTROL_REBIRTH, null, now, false));
            metrics.forEach(s -> birth.add(s.birthMetric(now)));
            send(birthTopic, new SparkplugPayload(now, 0L, birth), 0);
            for (Device d : devices.values()) {
                List<SparkplugMetric> deviceBirth = d.metrics.stream().map(s -> s.birthMetric(now)).toList();
                send(d.birthTopic, new SparkplugPayload(now, nextSeq(), deviceBirth), 0);
                d.alive = true;
            }
            online = true;
        }

        private void sendData(String topic, SparkplugPayload payload) {
            if (send(topic, payload, 0) == null) {
                droppedWhileOffline.add(payload.metrics().size());
            }
        }

        /** Publishes without waiting; null when the client refused the message (offline). */
        private IMqttToken send(String topic, SparkplugPayload payload, int qos) {
            try {
                return client.publish(topic, SparkplugCodec.encode(payload), qos, false);
            } catch (MqttException e) {
                LOG.debug("Sparkplug edge node {} could not publish on {}: {}", path, topic, e.getMessage());
                return null;
            }
        }

        private long nextSeq() {
            seq = (seq + 1) % 256;
            return seq;
        }

        private void setWill() {
            options.setWill(deathTopic, SparkplugCodec.encode(deathPayload()), 1, false);
        }

        private SparkplugPayload deathPayload() {
            long now = clock.millis();
            return new SparkplugPayload(now, null,
                    List.of(SparkplugMetric.numeric(SparkplugMetric.BD_SEQ, null, now, SparkplugDataType.UINT64,
                            bdSeq)));
        }

        private void addIfSent(List<IMqttToken> tokens, IMqttToken token) {
            if (token != null) {
                tokens.add(token);
            }
        }
    }
}
