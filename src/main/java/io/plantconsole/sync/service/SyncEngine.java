package io.plantconsole.sync.service;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncConflict;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.model.SyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sync} worker: drains the {@link Outbox} in {@code seq} order, in batches, through a
 * {@link CentralSink}, and removes what the centre took.
 *
 * <ul>
 *   <li>{@code APPLIED} and {@code ALREADY_APPLIED} entries are marked synced (removed from the outbox) on the
 *       {@code sync-outbox} thread while the next batch goes to the centre, and that thread then reads the page after
 *       it ({@link OutboxPipeline}). The worker reads on past the entries it delivered (it keeps the position of the
 *       last batch) and starts again from the oldest entry when the outbox is drained, after a failure and after a
 *       conflict was resolved.</li>
 *   <li>{@code CONFLICT} entries stay durably in the outbox (nothing is lost, and after a restart they are
 *       re-detected), but this worker skips them and lists them in {@link #conflicts()} until the
 *       {@link ConflictResolver} has resolved them ({@link #forgetConflict}). The skip list is in memory only.</li>
 *   <li>The later entries of a record with a conflict wait behind it: they were made on top of the refused change,
 *       so the worker does not send them ({@code BLOCKED} when the centre held them back in the same batch) until the
 *       conflict is resolved; entries of other records go on.</li>
 *   <li>A failure (centre unreachable, SQL error, local store error) is retried with exponential backoff and full
 *       jitter: the n-th consecutive failure waits a uniformly random time in {@code [0, min(cap, base·2^(n-1))]}.
 *       {@link #syncNow()} cuts a wait short.</li>
 * </ul>
 *
 * <p>Thread-safe: {@link #start}, {@link #syncNow}, {@link #status}, {@link #conflicts},
 * {@link #forgetConflict} and {@link #close} may be called from any thread (the FX thread included: none of them blocks on I/O, except
 * {@link #close}, which waits for the worker to stop). Listeners are called on the {@code sync} thread; while a
 * backlog drains, at most one snapshot per {@link #STATUS_INTERVAL} (a new conflict, a failure and the end of the
 * backlog are published at once).
 */
public final class SyncEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    /** The shortest time between two status snapshots while batches keep going out. */
    public static final Duration STATUS_INTERVAL = Duration.ofMillis(250);

    /** Waits between attempts; the default waits on the engine's own wake-up signal. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param batchSize    entries per batch (per central transaction)
     * @param backoffBase  the ceiling of the first retry's wait
     * @param backoffCap   the largest ceiling
     * @param idlePoll     how long the worker waits for new entries when the outbox is empty
     */
    public record Settings(int batchSize, Duration backoffBase, Duration backoffCap, Duration idlePoll) {
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize < 1: " + batchSize);
            }
            Objects.requireNonNull(backoffBase, "backoffBase");
            Objects.requireNonNull(backoffCap, "backoffCap");
            Objects.requireNonNull(idlePoll, "idlePoll");
            if (backoffBase.isNegative() || backoffCap.compareTo(backoffBase) < 0) {
                throw new IllegalArgumentException("need 0 <= backoffBase <= backoffCap");
            }
        }

        public static Settings defaults() {
            return new Settings(500, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(2));
        }
    }

    private final Outbox outbox;
    private final CentralSink sink;
    private final Settings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final Sleeper sleeper;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean wakeRequested; // guarded by lock
    private volatile boolean running;
    private Thread thread;

    private final List<Consumer<SyncStatus>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile SyncStatus status = SyncStatus.initial();
    private final Map<UUID, SyncConflict> conflicts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Guards {@link #resolutions} together with removals from {@link #conflicts}. */
    private final Object resolutionLock = new Object();
    /** Counts resolved conflicts: entries behind one may lie before {@link #cursor}, and a page read ahead is stale. */
    private long resolutions; // guarded by resolutionLock
    private final OutboxPipeline pipeline;

    // sync-thread state
    /** The seq of the last entry delivered; entries up to it are delivered, held back, or being removed. */
    private long cursor = Long.MIN_VALUE;
    private long seenResolutions;
    private OutboxPipeline.Page readAhead;
    private long lastPublishNanos;
    private int failures;
    private Instant lastSuccess;
    private String lastError;
    private SyncStatus.State state = SyncStatus.State.OFFLINE;

    /** An engine whose waits end early on {@link #syncNow()}. */
    public SyncEngine(Outbox outbox, CentralSink sink, Settings settings, Clock clock, RandomGenerator random) {
        this(outbox, sink, settings, clock, random, null);
    }

    /**
     * @param sleeper waits between failed attempts; {@code null} for the default, which {@link #syncNow()} wakes
     */
    public SyncEngine(Outbox outbox, CentralSink sink, Settings settings, Clock clock, RandomGenerator random,
            Sleeper sleeper) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.sleeper = sleeper != null ? sleeper : this::awaitWake;
        this.pipeline = new OutboxPipeline(outbox);
    }

    /** Starts the {@code sync} thread (a daemon). Once only. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::run, "sync");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the worker: it tries at once, whether it was idle or waiting to retry. Any thread. */
    public void syncNow() {
        lock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The latest snapshot. Any thread. */
    public SyncStatus status() {
        return status;
    }

    /** Called on the {@code sync} thread with every new snapshot. */
    public void addListener(Consumer<SyncStatus> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<SyncStatus> listener) {
        listeners.remove(listener);
    }

    /** Entries the centre refused as conflicts, oldest first. Any thread. */
    public List<SyncConflict> conflicts() {
        List<SyncConflict> list = new ArrayList<>(conflicts.values());
        list.sort((a, b) -> Long.compare(a.entry().seq(), b.entry().seq()));
        return List.copyOf(list);
    }

    /**
     * Stops skipping an entry that was resolved outside the worker (see {@link ConflictResolver}: the entry was
     * removed or replaced in the outbox, durably, before this call) and wakes the worker so that a replacement is
     * sent at once and the counts are published. Any thread; never blocks.
     *
     * @return whether the entry was listed as a conflict
     */
    public boolean forgetConflict(UUID entryId) {
        boolean known;
        synchronized (resolutionLock) {
            known = conflicts.remove(entryId) != null;
            resolutions++;
        }
        syncNow();
        return known;
    }

    /** Stops the worker and waits for it (a batch in flight finishes or fails first). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t == null) {
            pipeline.close();
            return;
        }
        t.interrupt();
        try {
            t.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pipeline.close();
    }

    /**
     * The ceiling of the wait after {@code failures} consecutive failures: {@code min(cap, base·2^(failures-1))}.
     */
    public Duration backoffCeiling(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long base = settings.backoffBase().toMillis();
        long cap = settings.backoffCap().toMillis();
        int shift = Math.min(failures - 1, 62);
        long ceiling = base > (cap >> shift) ? cap : base << shift;
        return Duration.ofMillis(Math.min(cap, ceiling));
    }

    /** Full jitter: uniformly random in {@code [0, ceiling]}. */
    Duration backoffDelay(int failures) {
        long ceiling = backoffCeiling(failures).toMillis();
        return Duration.ofMillis((long) Math.floor(random.nextDouble() * (ceiling + 1)));
    }

    private void run() {
        LOG.info("Sync worker started (batch size {})", settings.batchSize());
        while (running) {
            try {
                List<OutboxEntry> batch = nextBatch();
                if (batch.isEmpty()) {
                    pipeline.flush();
                    if (cursor != Long.MIN_VALUE) {
                        cursor = Long.MIN_VALUE; // drained: the next look starts from the oldest entry
                        continue;
                    }
                    failures = 0;
                    publish();
                    awaitWake(settings.idlePoll());
                    continue;
                }
                // while this batch goes to the centre: the previous one leaves the outbox, the next page is read
                pipeline.start(batch.get(batch.size() - 1).seq(), settings.batchSize(), seenResolutions);
                boolean found = deliver(batch);
                cursor = batch.get(batch.size() - 1).seq();
                failures = 0;
                lastSuccess = clock.instant();
                state = SyncStatus.State.CONNECTED;
                if (found || System.nanoTime() - lastPublishNanos >= STATUS_INTERVAL.toNanos()) {
                    publish();
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                pipeline.flushQuietly();
                readAhead = null;
                cursor = Long.MIN_VALUE; // what was delivered but not removed comes back as ALREADY_APPLIED
                failures++;
                state = e instanceof CentralSyncException c && c.kind() == CentralSyncException.Kind.OFFLINE
                        ? SyncStatus.State.OFFLINE : SyncStatus.State.ERROR;
                lastError = describe(e);
                Duration delay = backoffDelay(failures);
                LOG.warn("Sync failed ({} in a row), retrying in {} ms: {}", failures, delay.toMillis(), lastError);
                publishQuietly();
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
        LOG.info("Sync worker stopped");
    }

    /** A record, as the key the centre judges versions by. */
    private record RecordKey(String type, UUID id) {
        static RecordKey of(OutboxEntry e) {
            return new RecordKey(e.recordType(), e.recordId());
        }
    }

    /**
     * Up to batchSize pending entries after {@link #cursor} in seq order, leaving out the records with a known conflict
     * (the conflicting entry and every later entry of the same record), reading further pages when those fill the
     * first one. The first page is the one read ahead, if it starts at the cursor and no conflict was resolved since.
     */
    private List<OutboxEntry> nextBatch() throws InterruptedException {
        Set<RecordKey> held = new HashSet<>();
        long resolved;
        synchronized (resolutionLock) {
            conflicts.values().forEach(c -> held.add(RecordKey.of(c.entry())));
            resolved = resolutions;
        }
        OutboxPipeline.Page ahead = readAhead;
        readAhead = null;
        if (resolved != seenResolutions) {
            // a resolution removed or replaced entries, maybe behind the cursor or in the page read ahead
            seenResolutions = resolved;
            pipeline.flush();
            cursor = Long.MIN_VALUE;
            ahead = null;
        }
        int size = settings.batchSize();
        List<OutboxEntry> batch = new ArrayList<>(size);
        long after = cursor;
        boolean first = true;
        while (batch.size() < size) {
            int want = size - batch.size();
            List<OutboxEntry> page;
            if (first && ahead != null && ahead.after() == after && ahead.generation() == resolved
                    && ahead.max() >= want) {
                page = ahead.entries().size() > want ? ahead.entries().subList(0, want) : ahead.entries();
            } else {
                page = outbox.pendingAfter(after, want);
                first = false;
            }
            for (OutboxEntry e : page) {
                if (!held.contains(RecordKey.of(e))) {
                    batch.add(e);
                }
            }
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).seq();
            }
            if (first) {
                first = false; // the page read ahead may be short because newer entries came since: read on
            } else if (page.size() < want) {
                break;
            }
        }
        return batch;
    }

    /**
     * Sends a batch, waits for the removal of the previous one and the page read ahead, and queues the removal of what
     * the centre took.
     *
     * @return whether the centre refused an entry as a new conflict
     */
    private boolean deliver(List<OutboxEntry> batch) throws InterruptedException {
        List<SyncOutcome> outcomes;
        try {
            outcomes = sink.apply(batch);
        } catch (RuntimeException e) {
            try {
                pipeline.await();
            } catch (RuntimeException local) {
                e.addSuppressed(local);
            }
            throw e;
        }
        readAhead = pipeline.await();
        if (outcomes.size() != batch.size()) {
            throw new IllegalStateException("the centre answered " + outcomes.size() + " outcomes for a batch of "
                    + batch.size());
        }
        Map<UUID, OutboxEntry> byId = new LinkedHashMap<>();
        batch.forEach(e -> byId.put(e.id(), e));
        List<UUID> done = new ArrayList<>(batch.size());
        Map<UUID, SyncConflict> found = new HashMap<>();
        List<OutboxEntry> blocked = new ArrayList<>();
        Instant now = clock.instant();
        for (SyncOutcome o : outcomes) {
            OutboxEntry e = byId.get(o.entryId());
            if (e == null) {
                throw new IllegalStateException("the centre answered for an entry not in the batch: " + o.entryId());
            }
            switch (o.result()) {
                case APPLIED, ALREADY_APPLIED -> done.add(e.id());
                case CONFLICT -> found.put(e.id(), new SyncConflict(e, o.centralVersion(), now));
                case BLOCKED -> blocked.add(e);
            }
        }
        pipeline.queue(done);
        if (!found.isEmpty()) {
            found.values().forEach(c -> LOG.warn("Sync conflict: {} {} version {} (centre has {})",
                    c.entry().recordType(), c.entry().recordId(), c.entry().recordVersion(), c.centralVersion()));
            conflicts.putAll(found);
        }
        if (!blocked.isEmpty()) {
            Set<RecordKey> held = new HashSet<>();
            conflicts.values().forEach(c -> held.add(RecordKey.of(c.entry())));
            for (OutboxEntry e : blocked) {
                if (!held.contains(RecordKey.of(e))) {
                    // sending it again would loop: the centre must name the conflict it is waiting behind
                    throw new IllegalStateException("the centre held back outbox entry " + e.id() + " of "
                            + e.recordType() + " " + e.recordId() + " behind a conflict it did not report");
                }
            }
            LOG.info("Sync: {} later entr{} of conflicting records wait for the conflict to be resolved",
                    blocked.size(), blocked.size() == 1 ? "y" : "ies");
        }
        return !found.isEmpty();
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !msg.contains(cause.getMessage())
                && !(e instanceof CentralSyncException)) {
            msg += " (cause: " + cause.getMessage() + ")";
        }
        return msg;
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            // the outbox itself may be failing: publish what we know without the counts
            emit(new SyncStatus(state, status.pendingCount(), status.oldestPendingAge(), lastSuccess, lastError,
                    conflicts.size(), failures));
        }
    }

    private void publish() {
        lastPublishNanos = System.nanoTime();
        long pending = outbox.pendingCount();
        OptionalLong oldest = outbox.oldestPendingMillis();
        Duration age = oldest.isPresent()
                ? Duration.ofMillis(Math.max(0, clock.millis() - oldest.getAsLong())) : Duration.ZERO;
        emit(new SyncStatus(state, pending, age, lastSuccess, lastError, conflicts.size(), failures));
    }

    private void emit(SyncStatus s) {
        status = s;
        for (Consumer<SyncStatus> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("Sync status listener failed", e);
            }
        }
    }

    private void awaitWake(Duration d) throws InterruptedException {
        long nanos = d.toNanos();
        lock.lockInterruptibly();
        try {
            while (!wakeRequested && nanos > 0 && running) {
                nanos = wake.awaitNanos(nanos);
            }
            wakeRequested = false;
        } finally {
            lock.unlock();
        }
    }

    /** Used by tests: ids the worker currently skips. */
    Set<UUID> conflictIds() {
        return Set.copyOf(conflicts.keySet());
    }
}
