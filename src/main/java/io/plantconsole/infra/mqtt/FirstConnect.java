package io.plantconsole.infra.mqtt;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Paho's automatic reconnect starts only after a first successful connect, so the first one is retried here with a
 * capped exponential backoff on the owner's scheduler; later reconnects are Paho's own. Never blocks the caller.
 */
public final class FirstConnect {

    /** What the owner does around each attempt. Called on the scheduler or a Paho thread; must not block. */
    public interface Listener {
        /** Just before an attempt, for example to set a will that changes per connection. */
        default void beforeAttempt() {
        }

        /** An attempt failed; the next one runs in {@code retryInMillis}. */
        void failed(Throwable cause, int failures, long retryInMillis);
    }

    private final IMqttAsyncClient client;
    private final Supplier<MqttConnectOptions> options;
    private final ScheduledExecutorService scheduler;
    private final long firstRetryMillis;
    private final long maxRetryMillis;
    private final BooleanSupplier closed;
    private final Listener listener;
    private final AtomicInteger failures = new AtomicInteger();

    public FirstConnect(IMqttAsyncClient client, Supplier<MqttConnectOptions> options,
                        ScheduledExecutorService scheduler, long firstRetryMillis, long maxRetryMillis,
                        BooleanSupplier closed, Listener listener) {
        this.client = client;
        this.options = options;
        this.scheduler = scheduler;
        this.firstRetryMillis = firstRetryMillis;
        this.maxRetryMillis = maxRetryMillis;
        this.closed = closed;
        this.listener = listener;
    }

    /** Starts the first attempt on the scheduler. */
    public void start() {
        schedule(0);
    }

    /** Forgets earlier failures: call from {@code connectComplete}. */
    public void succeeded() {
        failures.set(0);
    }

    private void attempt() {
        if (closed.getAsBoolean()) {
            return;
        }
        listener.beforeAttempt();
        try {
            client.connect(options.get(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // the client's connectComplete callback takes over
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    failed(cause);
                }
            });
        } catch (MqttException e) {
            failed(e);
        }
    }

    private void failed(Throwable cause) {
        if (closed.getAsBoolean()) {
            return;
        }
        int n = failures.incrementAndGet();
        long delay = Math.min(maxRetryMillis, firstRetryMillis << Math.min(5, n - 1));
        listener.failed(cause, n, delay);
        schedule(delay);
    }

    private void schedule(long delayMillis) {
        try {
            scheduler.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the owner is closing
        }
    }
}
