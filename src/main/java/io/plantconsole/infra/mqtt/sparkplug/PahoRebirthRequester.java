package io.plantconsole.infra.mqtt.sparkplug;

import io.plantconsole.infra.mqtt.sparkplug.SparkplugTopic.MessageType;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks an edge node for a rebirth by publishing NCMD {@code spBv1.0/{group}/NCMD/{edgeNode}} with the Boolean metric
 * {@code Node Control/Rebirth = true}, QoS 0, through the console's Sparkplug connection. Never waits: a request
 * while the client is offline is logged and dropped (the host decoder asks again after its rebirth interval).
 */
public final class PahoRebirthRequester implements RebirthRequester {
    private static final Logger LOG = LoggerFactory.getLogger(PahoRebirthRequester.class);

    private final IMqttAsyncClient client;
    private final Clock clock;

    public PahoRebirthRequester(IMqttAsyncClient client) {
        this(client, Clock.systemUTC());
    }

    public PahoRebirthRequester(IMqttAsyncClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Called on the {@code telemetry} thread (or any other); does not block and does not throw. */
    @Override
    public void requestRebirth(String group, String edgeNode) {
        String topic = SparkplugTopic.node(group, MessageType.NCMD, edgeNode).topic();
        long now = clock.millis();
        byte[] payload = SparkplugCodec.encode(new SparkplugPayload(now, null,
                List.of(SparkplugMetric.bool(SparkplugMetric.NODE_CONTROL_REBIRTH, null, now, true))));
        try {
            client.publish(topic, payload, 0, false);
        } catch (MqttException e) {
            LOG.warn("Could not ask {}/{} for a rebirth: {}", group, edgeNode, e.getMessage());
        }
    }
}
