package io.plantconsole.sync.service;

import io.plantconsole.sync.model.OutboxEntry;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SyncEngine}'s local outbox work on its own thread ({@code sync-outbox}), so that it overlaps the central
 * write of a batch: removing the entries of the batch before, then reading the page after this batch. Losing a removal
 * (crash, disk error) is safe: the entries are sent again and the centre answers {@code ALREADY_APPLIED}. A page read
 * ahead is only a candidate: the engine uses it only if no conflict was resolved since it was asked for (the resolver
 * may have removed entries in it) and leaves out the records held back by a conflict.
 *
 * <p>Every method but {@link #close} is for the {@code sync} thread only.
 */
final class OutboxPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPipeline.class);

    /**
     * Up to {@code max} pending entries after {@code after}, read ahead while conflict generation {@code generation}
     * was current.
     */
    record Page(long after, int max, long generation, List<OutboxEntry> entries) {
    }

    private final Outbox outbox;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sync-outbox");
        t.setDaemon(true);
        return t;
    });
    private List<UUID> queued = List.of();
    private Future<Page> running;

    OutboxPipeline(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Remembers ids to remove; the removal starts with the next {@link #start}. */
    void queue(List<UUID> ids) {
        if (!queued.isEmpty()) {
            throw new IllegalStateException("the previous removal was not started");
        }
        queued = List.copyOf(ids);
    }

    /**
     * Starts, on {@code sync-outbox}, removing the queued ids and then (when {@code max > 0}) reading the page of up to
     * {@code max} entries after {@code after}. Waits for the previous start first.
     */
    void start(long after, int max, long generation) throws InterruptedException {
        await();
        List<UUID> ids = queued;
        queued = List.of();
        if (ids.isEmpty() && max <= 0) {
            return;
        }
        running = executor.submit(() -> {
            if (!ids.isEmpty()) {
                outbox.markSynced(ids);
            }
            return max > 0 ? new Page(after, max, generation, outbox.pendingAfter(after, max)) : null;
        });
    }

    /** Waits for what was started; rethrows its failure; the page read ahead, or {@code null}. */
    Page await() throws InterruptedException {
        Future<Page> f = running;
        running = null;
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Removes what is queued and waits: afterwards the outbox holds nothing the centre has taken. */
    void flush() throws InterruptedException {
        start(0, 0, 0);
        await();
    }

    /** {@link #flush} after a failure: a further failure is logged, not thrown (the entries are sent again). */
    void flushQuietly() {
        try {
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            queued = List.of();
            LOG.warn("Removing synced entries from the outbox failed (they will be sent again): {}", e.toString());
        }
    }

    /** Lets a running removal finish (briefly) and stops the thread. Any thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
