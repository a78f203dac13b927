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
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off between the MQTT client thread and the hub (ADR 0019). Two ways in, both copying nothing:
 * {@link #offer} never blocks and drops (and counts) a message when the queue is full, for QoS 0, where the broker
 * expects nothing back; {@link #put} waits for room, for messages the client acknowledges only once they are
 * queued (QoS 1 and 2), so a full queue slows the broker down instead of losing what it counts as delivered. The
 * {@code telemetry} thread drains the queue in batches, picks a decoder by topic, and writes into the hub.
 */
public final class IngestPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
    private static final int DRAIN_BATCH = 1024;
    /** How often {@link #put} looks at its caller's give-up condition while the queue stays full. */
    private static final long PUT_RECHECK_MILLIS = 10;

    /** What became of a message handed to {@link #put}. */
    public enum Handoff {
        /** Queued for decoding. */
        QUEUED,
        /** Refused as bad input and counted (oversized): final, it will never be decoded. */
        REJECTED,
        /** Not taken: the caller gave up waiting or the pipeline closed. Nothing was counted. */
        NOT_TAKEN;

        /** Whether the message's fate is settled, so the client may acknowledge it to the broker. */
        public boolean settled() {
            return this != NOT_TAKEN;
        }
    }

    private final TelemetryHub hub;
    private final List<TelemetryDecoder> decoders;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final BlockingQueue<IncomingMessage> queue;
    private final LongAdder received = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder waitedForRoom = new LongAdder();
    private final Thread worker;
    private volatile boolean running = true;
    private boolean loggedDecoderError; // telemetry thread only

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
     * Hands one message over that nobody will resend (QoS 0). Called on the MQTT client thread ({@code mqtt-in});
     * never blocks.
     *
     * @return false when the message was refused as oversized or dropped for a full queue (both counted)
     */
    public boolean offer(String topic, byte[] payload, boolean retained) {
        received.increment();
        if (rejectOversized(topic, payload)) {
            return false;
        }
        if (queue.offer(message(topic, payload, retained))) {
            return true;
        }
        hub.reject(BadCause.QUEUE_FULL, topic, "ingest queue full (" + queue.size() + " waiting)");
        return false;
    }

    /**
     * Hands one message over that the broker will resend until it is acknowledged (QoS 1 and 2), waiting while the
     * queue is full: this wait is the back-pressure that keeps a reconnect backlog from being dropped. Called on the
     * MQTT client thread ({@code mqtt-in}); blocks only while the queue is full. Acknowledge the message only when
     * the result is {@linkplain Handoff#settled() settled}.
     *
     * @param keepWaiting asked every few milliseconds while the queue stays full; false gives up (the client is
     *                    closing or lost its connection, so the broker will deliver the message again)
     */
    public Handoff put(String topic, byte[] payload, boolean retained, BooleanSupplier keepWaiting) {
        if (rejectOversized(topic, payload)) {
            received.increment();
            return Handoff.REJECTED;
        }
        IncomingMessage m = message(topic, payload, retained);
        if (!queue.offer(m)) {
            waitedForRoom.increment();
            try {
                do {
                    if (!running || !keepWaiting.getAsBoolean()) {
                        return Handoff.NOT_TAKEN;
                    }
                } while (!queue.offer(m, PUT_RECHECK_MILLIS, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Handoff.NOT_TAKEN;
            }
        }
        received.increment();
        return Handoff.QUEUED;
    }

    /** Counts an oversized payload; it is never queued, so a burst of large payloads cannot fill the heap. */
    private boolean rejectOversized(String topic, byte[] payload) {
        if (payload.length <= maxPayloadBytes) {
            return false;
        }
        hub.reject(BadCause.OVERSIZED, topic, payload.length + " bytes > " + maxPayloadBytes);
        return true;
    }

    private IncomingMessage message(String topic, byte[] payload, boolean retained) {
        return new IncomingMessage(topic, payload, retained, clock.millis(), System.nanoTime());
    }

    /** Messages handed over since start, dropped and rejected ones included (not those {@link #put} gave up on). */
    public long messagesReceived() {
        return received.sum();
    }

    /** Messages decoded since start. */
    public long messagesProcessed() {
        return processed.sum();
    }

    /** Messages that {@link #put} found no room for at once and had to wait for (back-pressure on the client). */
    public long messagesWaitedForRoom() {
        return waitedForRoom.sum();
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
            }
        }
    }

    /**
     * Decodes one message. Telemetry thread. A decoder (or a sample listener) that throws loses only this message,
     * which is counted ({@link BadCause#DECODER_ERROR}); the first such failure is logged with its stack.
     */
    void handle(IncomingMessage m) {
        processed.increment();
        for (TelemetryDecoder d : decoders) {
            if (d.handles(m.topic())) {
                try {
                    d.decode(m, new MessageSink(m.arrivalNanos()));
                } catch (RuntimeException e) {
                    if (!loggedDecoderError) {
                        loggedDecoderError = true;
                        LOG.error("Decoding a message on '{}' failed; ingest continues (later failures are counted as "
                                + "'{}')", m.topic(), BadCause.DECODER_ERROR.label(), e);
                    }
                    hub.reject(BadCause.DECODER_ERROR, m.topic(), e.toString());
                }
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
