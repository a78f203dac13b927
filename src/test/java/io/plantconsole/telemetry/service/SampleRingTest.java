package io.plantconsole.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The native ring keeps the newest samples in time order across its wrap-around. */
class SampleRingTest {

    @Test
    void afterWrappingTheRingHoldsTheNewestSamplesOldestFirst() {
        SampleRing ring = new SampleRing(4);
        for (int t = 1; t <= 10; t++) {
            ring.add(t * 100L, t, (byte) 0);
            assertThat(ring.timeAt(ring.size() - 1)).as("newest after %d", t).isEqualTo(t * 100L);
        }

        assertThat(ring.size()).isEqualTo(4);
        assertThat(ring.oldestTime()).isEqualTo(700);
        for (int i = 0; i < 4; i++) {
            assertThat(ring.timeAt(i)).isEqualTo(700L + 100L * i);
            assertThat(ring.valueAt(i)).isEqualTo(7.0 + i);
        }
        assertThat(ring.firstAtOrAfter(850)).isEqualTo(2);
        assertThat(ring.firstAtOrAfter(2000)).isEqualTo(4);
    }

    @Test
    void beforeWrappingIndexZeroIsTheFirstSample() {
        SampleRing ring = new SampleRing(8);
        ring.add(5, 1.5, (byte) 1);
        ring.add(6, 2.5, (byte) 0);

        assertThat(ring.timeAt(0)).isEqualTo(5);
        assertThat(ring.qualityAt(0)).isEqualTo((byte) 1);
        assertThat(ring.valueAt(1)).isEqualTo(2.5);
    }
}
