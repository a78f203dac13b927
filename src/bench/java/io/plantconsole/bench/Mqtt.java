package io.plantconsole.bench;

import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Small Paho helpers shared by the benchmark's own clients. */
final class Mqtt {
    private Mqtt() {
    }

    static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(cleanSession);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setMaxInflight(65_535);
        return o;
    }

    /** Connects, retrying the first connect a few times (Paho does not retry a first connect). */
    static void connect(MqttAsyncClient client, MqttConnectOptions options) throws MqttException {
        MqttException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                client.connect(options).waitForCompletion(10_000);
                return;
            } catch (MqttException e) {
                last = e;
                LockSupport.parkNanos(200_000_000L * (attempt + 1));
            }
        }
        throw last;
    }

    /** Ends a persistent session: connect with a clean session under the same client id, then disconnect. */
    static void clearSession(String uri, String clientId) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        try {
            connect(c, options(true));
            c.disconnect(1000).waitForCompletion(3000);
        } finally {
            c.close(true);
        }
    }

    static void closeQuietly(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(1000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            // nothing more to do
        }
    }

    /**
     * The global index a benchmark payload ends with ({@code ...,"value":123}), or -1. Payloads are built so that
     * the index is the last number, which a raw subscriber can read without a JSON parser.
     */
    static int trailingIndex(byte[] p) {
        int i = p.length - 1;
        while (i >= 0 && (p[i] == '}' || p[i] == ' ')) {
            i--;
        }
        int value = 0;
        int mult = 1;
        int digits = 0;
        while (i >= 0 && p[i] >= '0' && p[i] <= '9') {
            value += (p[i] - '0') * mult;
            mult *= 10;
            digits++;
            i--;
        }
        if (digits == 0 || digits > 9 || i >= 0 && p[i] == '-') {
            return -1;
        }
        return value;
    }
}
