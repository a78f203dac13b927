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

    @Test
    void aDecoderThatThrowsDoesNotStopIngest() {
        TelemetryDecoder flaky = new TelemetryDecoder() {
            @Override
            public boolean handles(String topic) {
                return true;
            }

            @Override
            public void decode(IncomingMessage m, TelemetrySink sink) {
                if (m.topic().equals("boom")) {
                    throw new IllegalStateException("decoder bug");
                }
                simple.decode(m, sink);
            }
        };
        try (IngestPipeline p = new IngestPipeline(hub, List.of(flaky), clock, 100, 1024)) {
            p.offer("boom", new byte[1], false);
            await().atMost(Duration.ofSeconds(5)).until(() -> p.messagesProcessed() == 1);
            p.offer("t/x", "roaster1.bean_temp=7".getBytes(), false);
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.status("roaster1.bean_temp").hasValue());
        }
    }
}
