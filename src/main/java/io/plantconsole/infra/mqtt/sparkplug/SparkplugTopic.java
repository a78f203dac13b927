package io.plantconsole.infra.mqtt.sparkplug;

import java.util.Objects;
import java.util.Optional;

/**
 * A Sparkplug B topic: {@code spBv1.0/{group}/{type}/{edgeNode}[/{device}]}. The host application's STATE topic,
 * {@code spBv1.0/STATE/{hostId}}, parses with an empty group and the host id as {@code edgeNode}.
 *
 * @param device the device id for D* messages, null for node messages and STATE
 */
public record SparkplugTopic(String group, MessageType type, String edgeNode, String device) {
    public static final String NAMESPACE = "spBv1.0";
    /** Prefix of every topic in the namespace. */
    public static final String PREFIX = NAMESPACE + "/";

    /** Sparkplug message types. */
    public enum MessageType {
        NBIRTH, NDEATH, NDATA, NCMD, DBIRTH, DDEATH, DDATA, DCMD, STATE;

        public boolean isDeviceMessage() {
            return this == DBIRTH || this == DDEATH || this == DDATA || this == DCMD;
        }

        public boolean isCommand() {
            return this == NCMD || this == DCMD;
        }
    }

    public SparkplugTopic {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(group, "group");
        if (type != MessageType.STATE) {
            requireId(group, "group");
        }
        requireId(edgeNode, type == MessageType.STATE ? "host id" : "edge node");
        if (type.isDeviceMessage()) {
            requireId(device, "device");
        } else if (device != null) {
            throw new IllegalArgumentException(type + " topics carry no device id");
        }
    }

    public static SparkplugTopic node(String group, MessageType type, String edgeNode) {
        return new SparkplugTopic(group, type, edgeNode, null);
    }

    public static SparkplugTopic device(String group, MessageType type, String edgeNode, String device) {
        return new SparkplugTopic(group, type, edgeNode, device);
    }

    /** Parses a topic; empty when it is not a well-formed Sparkplug B topic. Any thread. */
    public static Optional<SparkplugTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = topic.split("/", -1);
        try {
            if (parts.length == 3 && parts[1].equals("STATE")) {
                return Optional.of(new SparkplugTopic("", MessageType.STATE, parts[2], null));
            }
            if (parts.length < 4 || parts.length > 5) {
                return Optional.empty();
            }
            return Optional.of(new SparkplugTopic(parts[1], MessageType.valueOf(parts[2]), parts[3],
                    parts.length == 5 ? parts[4] : null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code group/edgeNode[/device]}: the form the channel catalogue names Sparkplug sources by. */
    public String path() {
        return device == null ? nodePath() : nodePath() + "/" + device;
    }

    /** {@code group/edgeNode}. */
    public String nodePath() {
        return group + "/" + edgeNode;
    }

    /** The MQTT topic. */
    public String topic() {
        if (type == MessageType.STATE && group.isEmpty()) {
            return PREFIX + "STATE/" + edgeNode;
        }
        return PREFIX + group + "/" + type + "/" + edgeNode + (device == null ? "" : "/" + device);
    }

    @Override
    public String toString() {
        return topic();
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("empty " + what);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '+' || c == '#') {
                throw new IllegalArgumentException(what + " '" + id + "' contains '" + c + "'");
            }
        }
    }
}
