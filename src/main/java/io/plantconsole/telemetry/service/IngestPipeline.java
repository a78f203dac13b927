package io.plantconsole.telemetry.service;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.Quality;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off between the MQTT client thread and the hub. {@link #offer} copies nothing and never blocks: a full
 * queue drops the message and counts it. The {@code telemetry} thread drains the queue in batches, picks a decoder
 * by topic, and writes into the hub.
 */
public final class IngestPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
    private static final int DRAIN_BATCH = 1024;

    private final TelemetryHub hub;
    private final List<TelemetryDecoder> decoders;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final BlockingQueue<IncomingMessage> queue;
    private final LongAdder received = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final Thread worker;
    private volatile boolean running = true;

    public IngestPipeline(TelemetryHub hub, List<TelemetryDecoder> decoders, Clock clock, int queueCapacity,
                          int maxPayloadBytes) {
        this.hub = hub;
        this.decoders = List.copyOf(decoders);
        this.clock = clock;
        this.maxPayloadBytes = maxPayloadBytes;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.worker = new Thread(this::drainLoop, "telemetry");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /**
     * Hands one message over. Called on the MQTT client thread ({@code mqtt-in}); must not block.
     *
     * @return false when the queue was full and the message was dropped (and counted)
     */
    public boolean offer(String topic, byte[] payload, boolean retained) {
        received.increment();
        if (payload.length > maxPayloadBytes) {
            hub.reject(BadCause.OVERSIZED, topic, payload.length + " bytes > " + maxPayloadBytes);
            return false; // never queued: a burst of large payloads cannot fill the heap
        }
        IncomingMessage m = new IncomingMessage(topic, payload, retained, clock.millis(), System.nanoTime());
        if (queue.offer(m)) {
            return true;
        }
        hub.reject(BadCause.QUEUE_FULL, topic, "ingest queue full (" + queue.size() + " waiting)");
        return false;
    }

    /** Messages handed over since start, dropped ones included. */
    public long messagesReceived() {
        return received.sum();
    }

    /** Messages decoded since start. */
    public long messagesProcessed() {
        return processed.sum();
    }

    public int queued() {
        return queue.size();
    }

    private void drainLoop() {
        List<IncomingMessage> batch = new ArrayList<>(DRAIN_BATCH);
        while (running) {
            try {
                IncomingMessage first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, DRAIN_BATCH - 1);
                for (IncomingMessage m : batch) {
                    handle(m);
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Telemetry decoding failed; ingest continues", e);
                batch.clear();
            }
        }
    }

    /** Decodes one message. Telemetry thread. */
    void handle(IncomingMessage m) {
        processed.increment();
        for (TelemetryDecoder d : decoders) {
            if (d.handles(m.topic())) {
                d.decode(m, new MessageSink(m.arrivalNanos()));
                return;
            }
        }
        hub.reject(BadCause.UNKNOWN_CHANNEL, m.topic(), "no decoder for this topic");
    }

    /** Passes the message's arrival time through to the hub's listeners. */
    private final class MessageSink implements TelemetrySink {
        private final long arrivalNanos;

        MessageSink(long arrivalNanos) {
            this.arrivalNanos = arrivalNanos;
        }

        @Override
        public void sample(String channelId, long timestampMillis, double value, Quality quality) {
            hub.accept(channelId, timestampMillis, value, quality, arrivalNanos);
        }

        @Override
        public void reject(BadCause cause, String topic, String detail) {
            hub.reject(cause, topic, detail);
        }

        @Override
        public void markStale(String channelId) {
            hub.markStale(channelId);
        }

        @Override
        public void clearStale(String channelId) {
            hub.clearStale(channelId);
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
