package io.plantconsole.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.testing.MutableClock;
import io.plantconsole.testing.TestCatalogues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryHubTest {
    private static final long T0 = 1_764_000_000_000L;
    private final MutableClock clock = new MutableClock(T0);
    private final TelemetryHub hub = new TelemetryHub(TestCatalogues.small(), clock, TelemetryHub.Settings.defaults());

    private void feed(String id, long from, long to, long step, double value) {
        for (long t = from; t <= to; t += step) {
            hub.sample(id, t, value, Quality.GOOD);
        }
    }

    @Test
    void latestValueIsGoodWhileFreshAndStaleAfterSilence() {
        hub.sample("roaster1.bean_temp", T0, 181.5, Quality.GOOD);
        assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(181.5);
        assertThat(hub.status("roaster1.bean_temp").quality()).isEqualTo(Quality.GOOD);

        clock.advance(Duration.ofSeconds(4)); // 10 Hz: stale after max(3 s, 5 periods)
        assertThat(hub.status("roaster1.bean_temp").quality()).isEqualTo(Quality.STALE);
        assertThat(hub.status("roaster1.exhaust_temp").hasValue()).isFalse();
    }

    @Test
    void markStaleHoldsUntilTheNextSample() {
        hub.sample("roaster1.bean_temp", T0, 100, Quality.GOOD);
        hub.markStale("roaster1.bean_temp");
        assertThat(hub.status("roaster1.bean_temp").quality()).isEqualTo(Quality.STALE);
        hub.sample("roaster1.bean_temp", T0 + 100, 101, Quality.GOOD);
        assertThat(hub.status("roaster1.bean_temp").quality()).isEqualTo(Quality.GOOD);
    }

    @Test
    void outOfOrderDuplicateNonFiniteAndUnknownSamplesAreCountedNotStored() {
        hub.sample("roaster1.bean_temp", T0, 100, Quality.GOOD);
        hub.sample("roaster1.bean_temp", T0 - 1, 99, Quality.GOOD);
        hub.sample("roaster1.bean_temp", T0, 100, Quality.GOOD);
        hub.sample("roaster1.bean_temp", T0 + 1, Double.NaN, Quality.GOOD);
        hub.sample("roaster1.bean_temp", T0 + 2, Double.POSITIVE_INFINITY, Quality.GOOD);
        hub.sample("nope", T0, 1, Quality.GOOD);

        IngestDiagnostics d = hub.diagnostics();
        assertThat(d.count(BadCause.OUT_OF_ORDER)).isEqualTo(1);
        assertThat(d.count(BadCause.DUPLICATE)).isEqualTo(1);
        assertThat(d.count(BadCause.NOT_FINITE)).isEqualTo(2);
        assertThat(d.count(BadCause.UNKNOWN_CHANNEL)).isEqualTo(1);
        assertThat(hub.status("roaster1.bean_temp").received()).isEqualTo(1);
        assertThat(hub.status("roaster1.bean_temp").rejected()).as("every refused sample of the channel").isEqualTo(4);
        assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(100);
        assertThat(hub.acceptedSamples()).isEqualTo(1);
    }

    @Test
    void rejectedInputOnAChannelsTopicCountsForThatChannelButDropsAndGapsDoNot() {
        hub.reject(BadCause.INVALID_JSON, "plant/roaster1/bean_temp", "unexpected end");
        hub.reject(BadCause.OVERSIZED, "plant/roaster1/bean_temp", "300000 bytes > 262144");
        hub.reject(BadCause.WRONG_TYPE, "plant/roaster1/exhaust_temp", "\"value\" must be a number");
        hub.reject(BadCause.QUEUE_FULL, "plant/roaster1/exhaust_temp", "ingest queue full");
        hub.reject(BadCause.SEQUENCE_GAP, "plant/roaster1/exhaust_temp", "3 message(s) missing");
        hub.reject(BadCause.INVALID_JSON, "plant/unknown/topic", "unexpected end");
        hub.sample("roaster1.bean_temp", T0 + 120_000, 1, Quality.GOOD); // beyond the allowed clock skew

        assertThat(hub.status("roaster1.bean_temp").rejected()).isEqualTo(3);
        assertThat(hub.status("roaster1.exhaust_temp").rejected()).isEqualTo(1);
        assertThat(hub.status("dryer1.moisture").rejected()).isZero();
        assertThat(hub.diagnostics().total()).isEqualTo(7);
    }

    @Test
    void aWindowWithFewSamplesReturnsThemAllInTimeOrder() {
        feed("roaster1.bean_temp", T0, T0 + 900, 100, 5);
        SeriesBuffer out = new SeriesBuffer();
        hub.read("roaster1.bean_temp", T0 + 200, T0 + 500, 1000, out);
        assertThat(out.size()).isEqualTo(4);
        assertThat(out.x()[0]).isEqualTo((T0 + 200) / 1000.0);
        assertThat(out.x()[3]).isEqualTo((T0 + 500) / 1000.0);
    }

    @Test
    void decimationKeepsASingleSampleSpike() {
        clock.set(T0 + 4 * 3_600_000L); // the console's clock is at the end of the history fed below
        for (long i = 0; i < 36_000; i++) { // one hour at 10 Hz
            hub.sample("roaster1.bean_temp", T0 + i * 100, i == 20_000 ? 290 : 150 + (i % 7), Quality.GOOD);
        }
        SeriesBuffer out = new SeriesBuffer();
        hub.read("roaster1.bean_temp", T0, T0 + 3_600_000, 800, out);
        assertThat(out.size()).isLessThanOrEqualTo(820);
        double max = 0;
        double min = Double.MAX_VALUE;
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.y()[i]).as("no gap in continuous data").isNotNaN();
            max = Math.max(max, out.y()[i]);
            min = Math.min(min, out.y()[i]);
        }
        assertThat(max).isEqualTo(290);
        assertThat(min).isEqualTo(150);
    }

    @Test
    void decimatedPointsStayInTimeOrder() {
        for (long i = 0; i < 5_000; i++) {
            hub.sample("roaster1.bean_temp", T0 + i * 100, Math.sin(i / 10.0) * 50 + 150, Quality.GOOD);
        }
        SeriesBuffer out = new SeriesBuffer();
        hub.read("roaster1.bean_temp", T0, T0 + 500_000, 200, out);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.x()[i]).isGreaterThanOrEqualTo(out.x()[i - 1]);
        }
    }

    @Test
    void aGapLongerThanTheStaleTimeIsBrokenByNaN() {
        feed("roaster1.bean_temp", T0, T0 + 1000, 100, 7);
        feed("roaster1.bean_temp", T0 + 60_000, T0 + 61_000, 100, 8);
        SeriesBuffer out = new SeriesBuffer();
        hub.read("roaster1.bean_temp", T0, T0 + 61_000, 1000, out);
        List<Integer> nanAt = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (Double.isNaN(out.y()[i])) {
                nanAt.add(i);
            }
        }
        assertThat(nanAt).containsExactly(11);
        assertThat(out.quality()[11]).isEqualTo(Quality.STALE.code());
    }

    @Test
    void windowsOlderThanTheNativeRingComeFromTheMinMaxTier() {
        clock.set(T0 + 4 * 3_600_000L); // the console's clock is at the end of the history fed below
        TelemetryHub small = new TelemetryHub(TestCatalogues.small(), clock, new TelemetryHub.Settings(
                Duration.ofMinutes(1), 1_000_000, Duration.ofSeconds(1), Duration.ofHours(24),
                Duration.ofSeconds(3), 5));
        // three hours at 10 Hz, one spike two hours ago
        long n = 3 * 36_000;
        for (long i = 0; i < n; i++) {
            small.sample("roaster1.bean_temp", T0 + i * 100, i == 36_000 ? 299 : 100, Quality.GOOD);
        }
        SeriesBuffer out = new SeriesBuffer();
        small.read("roaster1.bean_temp", T0, T0 + n * 100, 1000, out);
        assertThat(out.size()).isBetween(2, 1100);
        assertThat(out.x()[0]).isEqualTo(T0 / 1000.0);
        double max = 0;
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.y()[i]).as("no gap in continuous data").isNotNaN();
            max = Math.max(max, out.y()[i]);
        }
        assertThat(max).isEqualTo(299);
    }

    @Test
    void theNativeRingIsBoundedByRetentionAtTheChannelRate() {
        clock.set(T0 + 4 * 3_600_000L); // the console's clock is at the end of the history fed below
        TelemetryHub small = new TelemetryHub(TestCatalogues.small(), clock, new TelemetryHub.Settings(
                Duration.ofSeconds(10), 1_000_000, Duration.ofSeconds(1), Duration.ofHours(1),
                Duration.ofSeconds(3), 5));
        feed("roaster1.bean_temp", T0, T0 + 100_000, 100, 1); // into the default hub: irrelevant
        for (long i = 0; i < 1_000; i++) {
            small.sample("roaster1.bean_temp", T0 + i * 100, i, Quality.GOOD);
        }
        SeriesBuffer out = new SeriesBuffer();
        small.read("roaster1.bean_temp", T0 + 90_000, T0 + 100_000, 10_000, out);
        assertThat(out.size()).isEqualTo(100); // 10 s at 10 Hz, all native
        assertThat(out.y()[out.size() - 1]).isEqualTo(999);
    }

    @Test
    void listenersSeeEveryAcceptedSampleAndNoRejectedOne() {
        List<Double> seen = new ArrayList<>();
        hub.addListener((id, t, v, q, nanos) -> seen.add(v));
        hub.sample("roaster1.bean_temp", T0, 1, Quality.GOOD);
        hub.sample("roaster1.bean_temp", T0 - 5, 2, Quality.GOOD);
        hub.sample("roaster1.bean_temp", T0 + 5, 3, Quality.BAD);
        assertThat(seen).containsExactly(1.0, 3.0);
        assertThat(hub.status("roaster1.bean_temp").quality()).isEqualTo(Quality.BAD);
    }

    @Test
    void aWindowReachingBeforeTheFirstSampleStillReadsNativeSamplesWhileTheRingHasNotWrapped() {
        feed("roaster1.bean_temp", T0, T0 + 9_900, 100, 5); // 10 s at 10 Hz just after start-up
        SeriesBuffer out = new SeriesBuffer();
        hub.read("roaster1.bean_temp", T0 + 9_900 - 60_000, T0 + 9_900, 1000, out); // a 1-minute window
        assertThat(out.size()).isEqualTo(100);
    }

    @Test
    void tierReadsIncludeTheBucketStillInProgress() {
        clock.set(T0 + 4 * 3_600_000L); // the console's clock is at the end of the history fed below
        TelemetryHub small = new TelemetryHub(TestCatalogues.small(), clock, new TelemetryHub.Settings(
                Duration.ofMinutes(1), 1_000_000, Duration.ofSeconds(1), Duration.ofHours(24),
                Duration.ofSeconds(3), 5));
        long n = 3 * 600; // three minutes at 10 Hz: the one-minute ring has wrapped
        for (long i = 0; i < n; i++) {
            small.sample("roaster1.bean_temp", T0 + i * 100, i == n - 1 ? 299 : 100, Quality.GOOD);
        }
        SeriesBuffer out = new SeriesBuffer();
        small.read("roaster1.bean_temp", T0, T0 + (n - 1) * 100, 1000, out);
        assertThat(out.y()[out.size() - 1]).isEqualTo(299);
    }

    @Test
    void aFarFutureSampleIsRejectedAndDoesNotBlockTheChannel() {
        hub.sample("roaster1.bean_temp", T0 + 365L * 24 * 3600 * 1000, 999, Quality.GOOD); // a clock a year ahead
        hub.sample("roaster1.bean_temp", T0 + 30_000, 150, Quality.GOOD); // within the allowed skew
        hub.sample("roaster1.bean_temp", T0 + 30_100, 151, Quality.GOOD);
        assertThat(hub.diagnostics().count(BadCause.FUTURE_TIMESTAMP)).isEqualTo(1);
        assertThat(hub.diagnostics().count(BadCause.OUT_OF_ORDER)).isZero();
        assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(151);
    }

    @Test
    void clearStaleLiftsAForcedStaleMarkWithoutANewSample() {
        hub.sample("roaster1.bean_temp", T0, 100, Quality.GOOD);
        hub.markStale("roaster1.bean_temp");
        hub.clearStale("roaster1.bean_temp");
        assertThat(hub.status("roaster1.bean_temp").quality()).isEqualTo(Quality.GOOD);
    }
}
