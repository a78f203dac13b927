package io.plantconsole.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.testing.MutableClock;
import io.plantconsole.testing.TestCatalogues;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class IngestPipelineTest {
    private final MutableClock clock = new MutableClock(1_764_000_000_000L);
    private final TelemetryHub hub = new TelemetryHub(TestCatalogues.small(), clock, TelemetryHub.Settings.defaults());

    /** Decodes the payload "id=value" at the clock's time. */
    private final TelemetryDecoder simple = new TelemetryDecoder() {
        @Override
        public boolean handles(String topic) {
            return topic.startsWith("t/");
        }

        @Override
        public void decode(IncomingMessage m, TelemetrySink sink) {
            String[] kv = new String(m.payload()).split("=");
            sink.sample(kv[0], m.arrivalMillis(), Double.parseDouble(kv[1]), Quality.GOOD);
        }
    };

    @Test
    void messagesFlowFromOfferToTheHubOnTheTelemetryThread() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
        hub.addListener((id, t, v, q, nanos) -> thread.set(Thread.currentThread().getName()));
        try (IngestPipeline p = new IngestPipeline(hub, List.of(simple), clock, 100, 1024)) {
            assertThat(p.offer("t/x", "roaster1.bean_temp=42".getBytes(), false)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> thread.get() != null);
            assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(42);
            assertThat(thread.get()).isEqualTo("telemetry");
            assertThat(p.messagesReceived()).isEqualTo(1);
        }
    }

    @Test
    void oversizedPayloadsAndTopicsWithoutDecoderAreCounted() {
        try (IngestPipeline p = new IngestPipeline(hub, List.of(simple), clock, 100, 32)) {
            p.offer("t/x", new byte[33], false);
            p.offer("other/x", "roaster1.bean_temp=1".getBytes(), false);
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.diagnostics().total() == 2);
            assertThat(hub.diagnostics().count(BadCause.OVERSIZED)).isEqualTo(1);
            assertThat(hub.diagnostics().count(BadCause.UNKNOWN_CHANNEL)).isEqualTo(1);
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TelemetryDecoder slow = new TelemetryDecoder() {
            @Override
            public boolean handles(String topic) {
                return true;
            }

            @Override
            public void decode(IncomingMessage m, TelemetrySink sink) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (IngestPipeline p = new IngestPipeline(hub, List.of(slow), clock, 4, 1024)) {
            int accepted = 0;
            for (int i = 0; i < 50; i++) {
                accepted += p.offer("t/x", new byte[1], false) ? 1 : 0;
            }
            assertThat(accepted).isBetween(4, 9); // capacity 4, plus what the worker polled and drained before blocking
            assertThat(hub.diagnostics().count(BadCause.QUEUE_FULL)).isEqualTo(50 - accepted);
            release.countDown();
        }
    }

    /** A decoder that takes every topic and holds the telemetry thread until released. */
    private static TelemetryDecoder stalledUntil(CountDownLatch release) {
        return new TelemetryDecoder() {
            @Override
            public boolean handles(String topic) {
                return true;
            }

            @Override
            public void decode(IncomingMessage m, TelemetrySink sink) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Waits until the telemetry thread is stuck in the first message, then fills the queue. */
    private static void fillBehindAStalledWorker(IngestPipeline p) {
        p.offer("t/x", new byte[1], false);
        await().atMost(Duration.ofSeconds(5)).until(() -> p.messagesProcessed() == 1);
        while (p.put("t/x", new byte[1], false, () -> false) == IngestPipeline.Handoff.QUEUED) {
            Thread.onSpinWait();
        }
    }

    @Test
    void putWaitsForRoomInsteadOfDroppingAndEveryMessageIsDecoded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (IngestPipeline p = new IngestPipeline(hub, List.of(stalledUntil(release)), clock, 4, 1024)) {
            Future<Integer> queued = client.submit(() -> {
                int n = 0;
                for (int i = 0; i < 50; i++) {
                    n += p.put("t/x", new byte[1], false, () -> true) == IngestPipeline.Handoff.QUEUED ? 1 : 0;
                }
                return n;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> p.messagesWaitedForRoom() > 0);
            Thread.sleep(100);
            assertThat(queued).isNotDone();
            assertThat(p.queued()).isEqualTo(4);

            release.countDown();
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo(50);
            await().atMost(Duration.ofSeconds(5)).until(() -> p.messagesProcessed() == 50);
            assertThat(p.messagesReceived()).isEqualTo(50);
            assertThat(hub.diagnostics().total()).as("nothing dropped or rejected").isZero();
        } finally {
            client.shutdownNow();
        }
    }

    @Test
    void putGivesUpWhenItsCallerStopsWaitingOrThePipelineClosesAndCountsNothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean keepWaiting = new AtomicBoolean(true);
        ExecutorService client = Executors.newSingleThreadExecutor();
        IngestPipeline p = new IngestPipeline(hub, List.of(stalledUntil(release)), clock, 2, 1024);
        try {
            fillBehindAStalledWorker(p);
            long received = p.messagesReceived();

            Future<IngestPipeline.Handoff> waiting = client.submit(() -> p.put("t/x", new byte[1], false,
                    keepWaiting::get));
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
            keepWaiting.set(false);
            assertThat(waiting.get(2, TimeUnit.SECONDS)).isEqualTo(IngestPipeline.Handoff.NOT_TAKEN);

            Future<IngestPipeline.Handoff> untilClose = client.submit(() -> p.put("t/x", new byte[1], false,
                    () -> true));
            Thread.sleep(100);
            assertThat(untilClose).isNotDone();
            p.close(); // interrupts the stalled telemetry thread, which leaves the queue full
            assertThat(untilClose.get(2, TimeUnit.SECONDS)).isEqualTo(IngestPipeline.Handoff.NOT_TAKEN);
            assertThat(IngestPipeline.Handoff.NOT_TAKEN.settled()).isFalse();
            assertThat(p.messagesReceived()).as("a message not taken is not counted").isEqualTo(received);
            assertThat(hub.diagnostics().total()).isZero();
        } finally {
            release.countDown();
            p.close();
            client.shutdownNow();
        }
    }

    @Test
    void anOversizedPutIsRejectedAndCountedAtOnceEvenWhenTheQueueIsFull() {
        CountDownLatch release = new CountDownLatch(1);
        try (IngestPipeline p = new IngestPipeline(hub, List.of(stalledUntil(release)), clock, 2, 32)) {
            fillBehindAStalledWorker(p);
            assertThat(p.put("t/x", new byte[33], false, () -> true)).isEqualTo(IngestPipeline.Handoff.REJECTED);
            assertThat(IngestPipeline.Handoff.REJECTED.settled()).isTrue();
            assertThat(hub.diagnostics().count(BadCause.OVERSIZED)).isEqualTo(1);
            assertThat(hub.diagnostics().count(BadCause.QUEUE_FULL)).isZero();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aDecoderThatThrowsLosesOnlyThatMessageWhichIsCountedAndTheRestOfItsBatchIsDecoded() {
        CountDownLatch release = new CountDownLatch(1);
        TelemetryDecoder flaky = new TelemetryDecoder() {
            @Override
            public boolean handles(String topic) {
                return true;
            }

            @Override
            public void decode(IncomingMessage m, TelemetrySink sink) {
                switch (m.topic()) {
                    case "gate" -> {
                        try {
                            release.await(); // holds the worker until the next messages are queued: one batch
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    case "boom" -> throw new IllegalStateException("decoder bug");
                    default -> simple.decode(m, sink);
                }
            }
        };
        try (IngestPipeline p = new IngestPipeline(hub, List.of(flaky), clock, 100, 1024)) {
            p.offer("gate", new byte[1], false);
            await().atMost(Duration.ofSeconds(5)).until(() -> p.messagesProcessed() == 1);
            p.offer("boom", new byte[1], false);
            for (int i = 1; i <= 5; i++) {
                clock.advance(Duration.ofMillis(100));
                p.offer("t/x", ("roaster1.bean_temp=" + i).getBytes(), false);
            }
            release.countDown();

            await().atMost(Duration.ofSeconds(5)).until(() -> p.messagesProcessed() == 7);
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.status("roaster1.bean_temp").received() == 5);
            assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(5);
            assertThat(hub.diagnostics().count(BadCause.DECODER_ERROR)).isEqualTo(1);
            assertThat(hub.diagnostics().total()).isEqualTo(1);
            assertThat(hub.diagnostics().examples()).singleElement().satisfies(e -> {
                assertThat(e.topic()).isEqualTo("boom");
                assertThat(e.detail()).isEqualTo("java.lang.IllegalStateException: decoder bug");
            });
            assertThat(BadCause.DECODER_ERROR.label()).isEqualTo("decoder error");
        } finally {
            release.countDown();
        }
    }
}
