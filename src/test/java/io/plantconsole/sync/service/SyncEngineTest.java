package io.plantconsole.sync.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.model.SyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncEngineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeOutbox outbox = new FakeOutbox();
    private final FakeSink sink = new FakeSink();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
    private SyncEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private SyncEngine start(int batchSize, RandomGenerator random) {
        engine = new SyncEngine(outbox, sink,
                new SyncEngine.Settings(batchSize, Duration.ofMillis(100), Duration.ofMillis(1_000),
                        Duration.ofMillis(20)),
                CLOCK, random, sleeps::add);
        engine.addListener(s -> {
            statuses.add(s);
            listenerThreads.add(Thread.currentThread().getName());
        });
        engine.start();
        return engine;
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void deliversEveryEntryOnceInOrderInBatches() {
        outbox.add(25);
        start(10, fixed(0.5));

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(sink.deliveredSeqs()).containsExactlyElementsOf(range(1, 25));
        assertThat(sink.batchSizes).containsExactly(10, 10, 5);
        await().atMost(WAIT).until(() -> engine.status().state() == SyncStatus.State.CONNECTED
                && engine.status().pendingCount() == 0);
        assertThat(engine.status().lastSuccess()).isEqualTo(CLOCK.instant());
        assertThat(listenerThreads).isNotEmpty().allMatch("sync"::equals);
    }

    @Test
    void entriesAddedLaterAreDeliveredAfterSyncNow() {
        start(10, fixed(0.5));
        await().atMost(WAIT).until(() -> !statuses.isEmpty());
        outbox.add(3);
        engine.syncNow();
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(sink.deliveredSeqs()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void failuresAreRetriedUntilEveryEntryIsDeliveredOnce() {
        outbox.add(30);
        sink.failuresLeft.set(4);
        sink.commitThenFail = true; // the first failure commits centrally but loses the acknowledgement
        start(7, fixed(0.999));

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(sink.deliveredSeqs()).containsExactlyElementsOf(range(1, 30));
        assertThat(sink.stored).hasSize(30);
        assertThat(sleeps).hasSize(4);
        assertThat(statuses).anyMatch(s -> s.state() == SyncStatus.State.OFFLINE
                && s.lastError().contains("centre down"));
        await().atMost(WAIT).until(() -> engine.status().state() == SyncStatus.State.CONNECTED);
        assertThat(engine.status().consecutiveFailures()).isZero();
        assertThat(engine.status().lastError()).contains("centre down");
    }

    @Test
    void theOutboxThreadRemovesWhatTheCentreTookAndReadsAheadWhileTheNextBatchIsSent() {
        outbox.add(50);
        start(5, fixed(0.0));
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(sink.deliveredSeqs()).containsExactlyElementsOf(range(1, 50));
        assertThat(sink.stored).hasSize(50);
        assertThat(outbox.removalThreads).isNotEmpty().containsOnly("sync-outbox");
        assertThat(outbox.pageReads).contains("5 sync-outbox", "45 sync-outbox");
    }

    @Test
    void aFailedRemovalIsAnErrorAndTheEntriesComeBackAsAlreadyApplied() {
        outbox.add(12);
        outbox.removalFailuresLeft.set(1);
        start(4, fixed(0.0));
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(statuses).anyMatch(s -> s.state() == SyncStatus.State.ERROR && s.lastError().contains("disk full"));
        assertThat(sink.stored).hasSize(12);
        assertThat(sink.deliveredSeqs()).containsExactlyElementsOf(range(1, 12));
        assertThat(sink.perEntry.values()).anyMatch(n -> n.get() == 2); // sent again: ALREADY_APPLIED
    }

    @Test
    void aPageReadAheadIsDroppedWhenAConflictIsResolvedMeanwhile() {
        UUID record = UUID.randomUUID();
        OutboxEntry refused = outbox.addFor(record, 1, 2);
        outbox.add(1);
        List<OutboxEntry> next = outbox.add(2);
        OutboxEntry later = outbox.addFor(record, 2, 3); // made on the refused change: in the page read ahead
        outbox.add(1);
        sink.conflicts.put(refused.id(), 2L);
        java.util.concurrent.atomic.AtomicBoolean resolved = new java.util.concurrent.atomic.AtomicBoolean();
        sink.onBatch = b -> {
            if (b.get(0).id().equals(next.get(0).id()) && resolved.compareAndSet(false, true)) {
                // "keep central", decided while this batch is out: wait for the page after it to be read ahead,
                // then drop the refused entry and the later one, as the ConflictResolver does
                await().atMost(WAIT).until(() -> outbox.pageReads.contains(next.get(1).seq() + " sync-outbox"));
                outbox.removeAll(List.of(refused, later));
                engine.forgetConflict(refused.id());
            }
        };
        start(2, fixed(0.0));

        await().atMost(WAIT).until(() -> resolved.get() && outbox.pendingCount() == 0);
        assertThat(sink.attemptsFor(later.id())).isZero();
        assertThat(sink.stored).hasSize(4);
    }

    @Test
    void backoffGrowsExponentiallyAndIsCapped() {
        outbox.add(1);
        sink.failuresLeft.set(8);
        start(10, fixed(0.999_999));

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(sleeps).extracting(Duration::toMillis)
                .containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L, 1_000L, 1_000L);
        assertThat(engine.backoffCeiling(1_000)).isEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void backoffIsFullJitter() {
        outbox.add(1);
        sink.failuresLeft.set(3);
        start(10, fixed(0.0));
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(sleeps).extracting(Duration::toMillis).containsExactly(0L, 0L, 0L);
    }

    @Test
    void conflictIsReportedAndNotRetried() {
        List<OutboxEntry> entries = outbox.add(5);
        OutboxEntry conflicting = entries.get(2);
        sink.conflicts.put(conflicting.id(), 42L);
        start(2, fixed(0.5));

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 1);
        await().atMost(WAIT).until(() -> engine.status().conflictCount() == 1);
        assertThat(engine.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.entry()).isEqualTo(conflicting);
            assertThat(c.centralVersion()).isEqualTo(42L);
        });
        int attempts = sink.attempts.get();
        engine.syncNow();
        await().pollDelay(Duration.ofMillis(200)).atMost(WAIT).until(() -> true);
        assertThat(sink.attemptsFor(conflicting.id())).isEqualTo(1);
        assertThat(sink.attempts.get()).isEqualTo(attempts);
        assertThat(sink.deliveredSeqs()).containsExactly(1L, 2L, 4L, 5L);

        outbox.remove(null, conflicting.id()); // as the ConflictResolver does, then it tells the engine
        engine.forgetConflict(conflicting.id());
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0 && engine.conflicts().isEmpty());
    }

    @Test
    void laterEntriesOfAConflictingRecordInTheSameBatchWaitBehindItWhileOtherRecordsGoOn() {
        UUID record = UUID.randomUUID();
        OutboxEntry first = outbox.addFor(record, 1, 2);
        outbox.add(1);
        OutboxEntry second = outbox.addFor(record, 2, 3);
        outbox.add(1);
        OutboxEntry third = outbox.addFor(record, 3, 4);
        sink.conflicts.put(first.id(), 2L);
        start(10, fixed(0.5));

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 3 && engine.status().conflictCount() == 1);
        engine.syncNow();
        engine.syncNow();
        await().pollDelay(Duration.ofMillis(200)).atMost(WAIT).until(() -> true);
        assertThat(sink.attemptsFor(second.id())).isEqualTo(1);
        assertThat(sink.attemptsFor(third.id())).isEqualTo(1);
        assertThat(sink.delivered).noneMatch(e -> e.recordId().equals(record));
        assertThat(engine.conflicts()).singleElement().extracting(c -> c.entry().id()).isEqualTo(first.id());

        outbox.remove(null, first.id()); // resolved: the later entries go on
        engine.forgetConflict(first.id());
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(sink.delivered).filteredOn(e -> e.recordId().equals(record)).extracting(OutboxEntry::id)
                .containsExactly(second.id(), third.id());
    }

    @Test
    void laterEntriesOfAKnownConflictAreNotSentAgainAndTheBatchIsFilledWithOtherRecords() {
        UUID record = UUID.randomUUID();
        OutboxEntry first = outbox.addFor(record, 1, 2);
        sink.conflicts.put(first.id(), 5L);
        start(2, fixed(0.5));
        await().atMost(WAIT).until(() -> engine.status().conflictCount() == 1);

        List<OutboxEntry> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(outbox.addFor(record, 2 + i, 3 + i));
        }
        List<OutboxEntry> others = outbox.add(3);
        engine.syncNow();
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 6);
        assertThat(later).allSatisfy(e -> assertThat(sink.attemptsFor(e.id())).isZero());
        assertThat(sink.delivered).extracting(OutboxEntry::id).containsExactlyElementsOf(
                others.stream().map(OutboxEntry::id).toList());
        assertThat(sink.batchSizes).endsWith(2, 1);
    }

    @Test
    void statusReportsPendingCountAndOldestAge() {
        sink.failuresLeft.set(Integer.MAX_VALUE);
        outbox.add(4);
        start(10, fixed(0.0));
        await().atMost(WAIT).until(() -> statuses.stream().anyMatch(s -> s.pendingCount() == 4));
        SyncStatus s = engine.status();
        assertThat(s.pendingCount()).isEqualTo(4);
        assertThat(s.oldestPendingAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.state()).isEqualTo(SyncStatus.State.OFFLINE);
        assertThat(s.lastSuccess()).isNull();
    }

    @Test
    void aNonOfflineFailureIsReportedAsError() {
        outbox.add(1);
        sink.errorKind = CentralSyncException.Kind.ERROR;
        sink.failuresLeft.set(1);
        start(10, fixed(0.0));
        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(statuses).anyMatch(s -> s.state() == SyncStatus.State.ERROR);
    }

    private static List<Long> range(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            l.add(i);
        }
        return l;
    }

    /** Entries created five minutes before the fixed clock. */
    static final class FakeOutbox implements Outbox {
        private final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
        private long seq;
        final List<String> removalThreads = new CopyOnWriteArrayList<>();
        /** The {@code afterSeq} of every page read, and the thread that read it. */
        final List<String> pageReads = new CopyOnWriteArrayList<>();
        final AtomicInteger removalFailuresLeft = new AtomicInteger();

        /** One entry of {@code record}, a change made on {@code base} that wrote {@code version}. */
        synchronized OutboxEntry addFor(UUID record, long base, long version) {
            seq++;
            OutboxEntry e = new OutboxEntry(seq, UUID.randomUUID(), "batch", record, base, version,
                    "{\"n\":" + seq + "}", CLOCK.millis() - Duration.ofMinutes(5).toMillis());
            entries.put(seq, e);
            return e;
        }

        synchronized List<OutboxEntry> add(int n) {
            List<OutboxEntry> added = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                seq++;
                OutboxEntry e = new OutboxEntry(seq, UUID.randomUUID(), "batch", UUID.randomUUID(), 1,
                        "{\"n\":" + seq + "}", CLOCK.millis() - Duration.ofMinutes(5).toMillis());
                entries.put(seq, e);
                added.add(e);
            }
            return added;
        }

        @Override
        public synchronized List<OutboxEntry> pending(int max) {
            return entries.values().stream().limit(max).toList();
        }

        @Override
        public synchronized List<OutboxEntry> pendingAfter(long afterSeq, int max) {
            pageReads.add(afterSeq + " " + Thread.currentThread().getName());
            return entries.tailMap(afterSeq, false).values().stream().limit(max).toList();
        }

        synchronized void removeAll(Collection<OutboxEntry> gone) {
            gone.forEach(e -> entries.remove(e.seq()));
        }

        @Override
        public synchronized void markSynced(Collection<UUID> ids) {
            removalThreads.add(Thread.currentThread().getName());
            if (removalFailuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("disk full");
            }
            Set<UUID> set = Set.copyOf(ids);
            entries.values().removeIf(e -> set.contains(e.id()));
        }

        @Override
        public synchronized long pendingCount() {
            return entries.size();
        }

        @Override
        public synchronized OptionalLong oldestPendingMillis() {
            return entries.isEmpty() ? OptionalLong.empty() : OptionalLong.of(entries.firstEntry().getValue()
                    .createdAtMillis());
        }

        @Override
        public synchronized boolean remove(io.plantconsole.kernel.tx.LocalTransactions.LocalTx tx, UUID entryId) {
            return entries.values().removeIf(e -> e.id().equals(entryId));
        }

        @Override
        public synchronized List<OutboxEntry> pendingOf(io.plantconsole.kernel.tx.LocalTransactions.LocalTx tx,
                String type, UUID id) {
            return entries.values().stream().filter(e -> e.recordType().equals(type) && e.recordId().equals(id))
                    .toList();
        }
    }

    /** Stores by entry id; idempotent like the real sink. */
    static final class FakeSink implements CentralSink {
        final Map<UUID, OutboxEntry> stored = new ConcurrentHashMap<>();
        final List<OutboxEntry> delivered = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final Map<UUID, Long> conflicts = new ConcurrentHashMap<>();
        final Map<UUID, AtomicInteger> perEntry = new ConcurrentHashMap<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean commitThenFail;
        volatile CentralSyncException.Kind errorKind = CentralSyncException.Kind.OFFLINE;

        /** Called on the sync thread with each batch before it is judged. */
        volatile java.util.function.Consumer<List<OutboxEntry>> onBatch = b -> { };

        @Override
        public List<SyncOutcome> apply(List<OutboxEntry> batch) {
            onBatch.accept(batch);
            attempts.incrementAndGet();
            batch.forEach(e -> perEntry.computeIfAbsent(e.id(), k -> new AtomicInteger()).incrementAndGet());
            if (failuresLeft.get() > 0 && !commitThenFail) {
                failuresLeft.decrementAndGet();
                throw new CentralSyncException(errorKind, "centre down", null);
            }
            List<SyncOutcome> out = new ArrayList<>();
            Map<UUID, Long> refused = new java.util.HashMap<>(); // record id -> centre's version, in this batch
            for (OutboxEntry e : batch) {
                Long central = conflicts.get(e.id());
                if (refused.containsKey(e.recordId())) {
                    out.add(SyncOutcome.blocked(e, refused.get(e.recordId())));
                } else if (central != null) {
                    refused.put(e.recordId(), central);
                    out.add(SyncOutcome.conflict(e, central));
                } else if (stored.putIfAbsent(e.id(), e) == null) {
                    delivered.add(e);
                    out.add(SyncOutcome.applied(e));
                } else {
                    out.add(SyncOutcome.alreadyApplied(e));
                }
            }
            if (commitThenFail) {
                commitThenFail = false;
                failuresLeft.decrementAndGet();
                throw new CentralSyncException(errorKind, "centre down", null);
            }
            batchSizes.add(batch.size());
            return out;
        }

        List<Long> deliveredSeqs() {
            synchronized (delivered) {
                return delivered.stream().map(OutboxEntry::seq).toList();
            }
        }

        int attemptsFor(UUID id) {
            AtomicInteger n = perEntry.get(id);
            return n == null ? 0 : n.get();
        }
    }
}
