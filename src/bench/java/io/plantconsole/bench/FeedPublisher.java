package io.plantconsole.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The feed: its own Paho client publishing as fast as the broker accepts, with a bounded window of unfinished
 * publishes (QoS 0: written to the socket; QoS 1: PUBACK received). The window keeps Paho's pending queue short
 * (its QoS 0 queue is a Vector drained from the front) and makes the publisher wait for the broker instead of
 * piling messages up in the client.
 */
final class FeedPublisher implements AutoCloseable {
    private final MqttAsyncClient client;
    private final int qos;
    private final int windowSize;
    private final Semaphore window;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final IMqttActionListener done = new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            completed.incrementAndGet();
            window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            failures.incrementAndGet();
            window.release();
        }
    };

    FeedPublisher(String uri, String clientId, int qos, int windowSize) throws MqttException {
        this.qos = qos;
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        Mqtt.connect(client, Mqtt.options(true));
    }

    void publish(String topic, byte[] payload) throws InterruptedException, MqttException {
        window.acquire();
        while (true) {
            try {
                client.publish(topic, payload, qos, false, null, done);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                window.release();
                throw e;
            }
        }
    }

    /** Waits until every publish so far has completed. */
    boolean drain(long timeoutMillis) throws InterruptedException {
        if (window.tryAcquire(windowSize, timeoutMillis, TimeUnit.MILLISECONDS)) {
            window.release(windowSize);
            return true;
        }
        return false;
    }

    long failures() {
        return failures.get();
    }

    long completed() {
        return completed.get();
    }

    @Override
    public void close() {
        Mqtt.closeQuietly(client);
    }
}
