package io.plantconsole.telemetry.service;

import io.plantconsole.telemetry.model.ConnectionState;
import java.util.function.Consumer;

/** Port: the live feed (an MQTT client in {@code infra}). */
public interface TelemetrySource extends AutoCloseable {

    /** Starts connecting in the background; never blocks on the network. */
    void start();

    ConnectionState state();

    /** The last connection error in words, or empty. */
    String lastError();

    /** Called on a client thread whenever the state changes; must not block. */
    void addStateListener(Consumer<ConnectionState> listener);

    @Override
    void close();
}
