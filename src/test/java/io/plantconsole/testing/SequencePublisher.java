package io.plantconsole.testing;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plant device stand-in for broker tests: publishes the JSON layout at QoS 1 and keeps publishing through a
 * broker outage (Paho's disconnected buffer holds what it cannot send, in order).
 */
public final class SequencePublisher implements AutoCloseable {
    private final MqttAsyncClient client;

    public SequencePublisher(String uri, String clientId) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(200_000);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(1000);
        o.setMaxInflight(1000);
        client.connect(o).waitForCompletion(10_000);
    }

    public static byte[] payload(long ts, double value, long seq) {
        return ("{\"ts\":" + ts + ",\"value\":" + value + ",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes without waiting for the acknowledgement; retries while Paho's in-flight window is full. */
    public void publish(String topic, byte[] payload) throws MqttException, InterruptedException {
        while (true) {
            try {
                client.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public int pendingDeliveries() {
        return client.getPendingDeliveryTokens().length + client.getBufferedMessageCount();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5000);
        }
        client.close(true);
    }
}
