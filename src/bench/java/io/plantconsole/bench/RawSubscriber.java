package io.plantconsole.bench;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The baseline: a bare Paho {@link MqttAsyncClient} whose {@code messageArrived} only counts (and may time). */
final class RawSubscriber implements AutoCloseable {
    /** Optional per-message probe, called on the Paho thread with the arrival time. */
    @FunctionalInterface
    interface Probe {
        void arrived(byte[] payload, long nanos);
    }

    private final MqttAsyncClient client;
    private final Probe probe;
    private volatile long count;
    private volatile boolean lost;

    RawSubscriber(String uri, String clientId, Probe probe) throws MqttException {
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        this.probe = probe;
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost = true;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (RawSubscriber.this.probe != null) {
                    RawSubscriber.this.probe.arrived(message.getPayload(), System.nanoTime());
                }
                count++; // single writer: the Paho callback thread
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // subscribes only
            }
        });
    }

    /** Connects and subscribes, waiting for the SUBACK (on the caller's thread, never a Paho thread). */
    void start(boolean cleanSession, String filter, int qos) throws MqttException {
        Mqtt.connect(client, Mqtt.options(cleanSession));
        client.subscribe(filter, qos).waitForCompletion(10_000);
    }

    long count() {
        return count;
    }

    boolean connectionLost() {
        return lost;
    }

    @Override
    public void close() {
        Mqtt.closeQuietly(client);
    }
}
