package io.plantconsole.ui;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Hands the latest value from any thread to the FX thread, coalescing bursts: however many values arrive before the
 * FX thread gets to them, at most one {@code Platform.runLater} is pending and only the newest value is delivered.
 * Used for rare events with a latest-wins meaning (broker connection state).
 *
 * @param <T> the value type
 */
public final class FxCoalescer<T> {
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final Consumer<T> onFx;
    private volatile boolean closed;

    /** @param onFx called on the FX thread with the newest value */
    public FxCoalescer(Consumer<T> onFx) {
        this.onFx = onFx;
    }

    /** Offers a value. Any thread; never blocks. */
    public void offer(T value) {
        if (closed || value == null) {
            return;
        }
        if (latest.getAndSet(value) == null) {
            Platform.runLater(this::drain);
        }
    }

    /** Stops delivering; values offered later are dropped. Any thread. */
    public void close() {
        closed = true;
        latest.set(null);
    }

    private void drain() {
        T value = latest.getAndSet(null);
        if (value != null && !closed) {
            onFx.accept(value);
        }
    }
}
