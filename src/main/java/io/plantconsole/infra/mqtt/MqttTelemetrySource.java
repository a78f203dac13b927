package io.plantconsole.infra.mqtt;

import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetrySource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
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
 * The console's MQTT subscription (Paho v3, {@link MqttAsyncClient}). The callback only copies topic and payload
 * into the {@link IngestPipeline}. Acknowledgements are manual (ADR 0019): a QoS 1 or 2 message is acknowledged once
 * it is queued (or refused as bad input), and while the queue is full the callback waits, which stops Paho reading
 * the socket and lets TCP and the broker's in-flight window hold the backlog; the wait gives up as soon as the
 * client is closing or loses its connection, so disconnecting never waits on it and an unacknowledged message is
 * delivered again. QoS 0 messages are offered without waiting (a full queue drops and counts them). Paho's automatic
 * reconnect starts only after a first success, so the first connect is retried here with capped backoff.
 * Subscriptions are renewed in {@code connectComplete} without waiting on the token (waiting on a Paho thread
 * deadlocks, paho #999).
 */
public final class MqttTelemetrySource implements TelemetrySource {
    private static final Logger LOG = LoggerFactory.getLogger(MqttTelemetrySource.class);

    private final MqttSettings settings;
    private final IngestPipeline pipeline;
    private final MqttAsyncClient client;
    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<IMqttAsyncClient>> onConnected = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService retry;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String lastError = "";
    private final FirstConnect firstConnect;
    private volatile boolean closed;

    public MqttTelemetrySource(MqttSettings settings, IngestPipeline pipeline) {
        this.settings = settings;
        this.pipeline = pipeline;
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("Invalid MQTT settings " + settings + ": " + e.getMessage(), e);
        }
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-connect-" + settings.clientId());
            t.setDaemon(true);
            return t;
        });
        client.setManualAcks(true);
        client.setCallback(new Callback());
        this.firstConnect = new FirstConnect(client, this::options, retry, 250,
                settings.maxReconnectDelaySeconds() * 1000L, () -> closed, this::firstConnectFailed);
    }

    /** Runs the action on a Paho thread after every (re)connect, for example to hand the client to a publisher. */
    public void onConnected(Consumer<IMqttAsyncClient> action) {
        onConnected.add(action);
    }

    public IMqttAsyncClient client() {
        return client;
    }

    @Override
    public void start() {
        setState(ConnectionState.CONNECTING);
        firstConnect.start();
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(settings.cleanSession());
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(settings.maxReconnectDelaySeconds() * 1000);
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setMaxInflight(65_535);
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().clone());
        }
        return o;
    }

    /** A failed first connect: say why, keep trying. Connect or Paho thread. */
    private void firstConnectFailed(Throwable e, int failures, long retryInMillis) {
        lastError = describe(e);
        if (failures <= 3 || failures % 20 == 0) {
            LOG.warn("Cannot connect to MQTT broker {} ({}); retrying in {} ms", settings.serverUri(), lastError,
                    retryInMillis);
        }
        setState(ConnectionState.CONNECTING);
    }

    static String describe(Throwable e) {
        if (e instanceof MqttException me) {
            return switch (me.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED ->
                        "the broker rejected the user name or password";
                case MqttException.REASON_CODE_SERVER_CONNECT_ERROR -> "broker unreachable"
                        + (me.getCause() != null ? " (" + me.getCause().getMessage() + ")" : "");
                case MqttException.REASON_CODE_CONNECTION_LOST -> "connection lost";
                default -> me.getMessage() + (me.getCause() != null ? " (" + me.getCause().getMessage() + ")" : "");
            };
        }
        return e == null ? "unknown" : e.getMessage();
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public String lastError() {
        return lastError;
    }

    @Override
    public void addStateListener(Consumer<ConnectionState> listener) {
        listeners.add(listener);
    }

    private synchronized void setState(ConnectionState s) {
        if (state != s) {
            state = s;
            for (Consumer<ConnectionState> l : listeners) {
                l.accept(s);
            }
        }
    }

    private final class Callback implements MqttCallbackExtended {
        /** Paho thread. */
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (closed) {
                // closed while this connect was under way (Paho cannot close a connecting client): end it now
                Thread t = new Thread(MqttTelemetrySource.this::shutDownClient, "mqtt-close-" + settings.clientId());
                t.setDaemon(true);
                t.start();
                return;
            }
            LOG.info("MQTT {} to {} as {}", reconnect ? "reconnected" : "connected", serverURI, settings.clientId());
            firstConnect.succeeded();
            lastError = "";
            List<String> filters = settings.topicFilters();
            if (!filters.isEmpty()) {
                int[] qos = new int[filters.size()];
                java.util.Arrays.fill(qos, settings.qos());
                try {
                    client.subscribe(filters.toArray(String[]::new), qos);
                } catch (MqttException e) {
                    lastError = "subscribe failed: " + describe(e);
                    LOG.error("MQTT subscribe to {} failed: {}", filters, lastError);
                }
            }
            for (Consumer<IMqttAsyncClient> action : onConnected) {
                action.accept(client);
            }
            setState(ConnectionState.CONNECTED);
        }

        /** Paho thread. */
        @Override
        public void connectionLost(Throwable cause) {
            lastError = describe(cause);
            LOG.warn("MQTT connection to {} lost: {}; reconnecting", settings.serverUri(), lastError);
            setState(ConnectionState.RECONNECTING);
        }

        /**
         * Paho thread ({@code mqtt-in}): hands off and acknowledges. Waits only while the ingest queue is full and a
         * QoS 1 or 2 message cannot be queued yet; gives up when closing or disconnected (Paho's disconnect joins
         * this thread, and the broker delivers an unacknowledged message again).
         */
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (message.getQos() == 0) {
                pipeline.offer(topic, message.getPayload(), message.isRetained());
                return;
            }
            if (pipeline.put(topic, message.getPayload(), message.isRetained(), this::keepWaiting).settled()) {
                acknowledge(message);
            }
        }

        private boolean keepWaiting() {
            return !closed && client.isConnected();
        }

        private void acknowledge(MqttMessage message) {
            try {
                client.messageArrivedComplete(message.getId(), message.getQos());
            } catch (MqttException e) {
                // the connection is going: the broker delivers the message again and the hub counts the duplicate
                LOG.debug("MQTT acknowledgement of message {} not sent: {}", message.getId(), describe(e));
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // the console publishes nothing on this connection except Sparkplug rebirth requests
        }
    }

    @Override
    public void close() {
        closed = true;
        retry.shutdownNow();
        shutDownClient();
        setState(ConnectionState.DISCONNECTED);
    }

    /** Disconnects and closes the client, which also ends Paho's reconnect cycle. Never on a Paho thread. */
    private void shutDownClient() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT close ({}): a connect is under way; connectComplete closes it", e.getMessage());
        }
    }
}
