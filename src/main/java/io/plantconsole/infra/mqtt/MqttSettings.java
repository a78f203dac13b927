package io.plantconsole.infra.mqtt;

import java.util.List;
import java.util.Objects;

/**
 * One MQTT connection of the console.
 *
 * @param cleanSession false for a persistent session (the broker keeps QoS 1 messages while the console is away)
 * @param password     null for none; never logged
 */
public record MqttSettings(String serverUri, String clientId, String username, char[] password,
                           boolean cleanSession, List<String> topicFilters, int qos, int keepAliveSeconds,
                           int maxReconnectDelaySeconds) {
    public MqttSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(clientId, "clientId");
        topicFilters = List.copyOf(topicFilters);
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2");
        }
    }

    public static MqttSettings persistent(String serverUri, String clientId, List<String> topics, int qos) {
        return new MqttSettings(serverUri, clientId, null, null, false, topics, qos, 30, 5);
    }

    public static MqttSettings clean(String serverUri, String clientId, List<String> topics, int qos) {
        return new MqttSettings(serverUri, clientId, null, null, true, topics, qos, 30, 5);
    }

    @Override
    public String toString() {
        return "MqttSettings[" + serverUri + ", client " + clientId + ", user " + (username == null ? "-" : username)
                + ", cleanSession " + cleanSession + ", topics " + topicFilters + ", qos " + qos + "]";
    }
}
