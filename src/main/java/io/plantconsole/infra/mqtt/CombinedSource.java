package io.plantconsole.infra.mqtt;

import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.service.TelemetrySource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Several MQTT connections (the JSON feed and the Sparkplug host) shown as one: the worst state wins, errors are joined. */
public final class CombinedSource implements TelemetrySource {
    private final List<TelemetrySource> parts;
    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();

    public CombinedSource(List<TelemetrySource> parts) {
        this.parts = List.copyOf(parts);
        for (TelemetrySource p : parts) {
            p.addStateListener(s -> listeners.forEach(l -> l.accept(state())));
        }
    }

    @Override
    public void start() {
        parts.forEach(TelemetrySource::start);
    }

    @Override
    public ConnectionState state() {
        ConnectionState worst = ConnectionState.CONNECTED;
        for (TelemetrySource p : parts) {
            if (rank(p.state()) > rank(worst)) {
                worst = p.state();
            }
        }
        return worst;
    }

    private static int rank(ConnectionState s) {
        return switch (s) {
            case CONNECTED -> 0;
            case CONNECTING -> 1;
            case RECONNECTING -> 2;
            case DISCONNECTED -> 3;
        };
    }

    @Override
    public String lastError() {
        return parts.stream().map(TelemetrySource::lastError).filter(e -> !e.isBlank()).distinct()
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    @Override
    public void addStateListener(Consumer<ConnectionState> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        parts.forEach(TelemetrySource::close);
    }
}
