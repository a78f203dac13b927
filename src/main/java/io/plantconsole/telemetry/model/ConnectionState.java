package io.plantconsole.telemetry.model;

/** State of the console's link to the plant broker, as shown in the status bar. */
public enum ConnectionState {
    CONNECTING("Connecting"),
    CONNECTED("Connected"),
    RECONNECTING("Broker lost: reconnecting"),
    DISCONNECTED("Disconnected");

    private final String label;

    ConnectionState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
