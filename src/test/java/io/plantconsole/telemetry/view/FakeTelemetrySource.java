package io.plantconsole.telemetry.view;

import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.service.TelemetrySource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A broker connection the test drives: {@link #report} calls the listeners on the calling thread. */
public final class FakeTelemetrySource implements TelemetrySource {
    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionState state = ConnectionState.CONNECTED;
    private volatile String lastError = "";

    @Override
    public void start() {
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

    /** Changes the state as a client thread would, and tells the listeners. */
    public void report(ConnectionState newState, String error) {
        lastError = error == null ? "" : error;
        state = newState;
        for (Consumer<ConnectionState> l : listeners) {
            l.accept(newState);
        }
    }

    @Override
    public void close() {
    }
}
