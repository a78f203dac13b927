package io.plantconsole.kernel.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateEstimatorTest {

    @Test
    void rateIsCountPerSecondOverTheWindow() {
        RateEstimator r = new RateEstimator(3000);
        assertThat(r.update(0, 0)).isZero();
        assertThat(r.update(100, 1000)).isEqualTo(100, within(1e-9));
        r.update(300, 2000);
        r.update(600, 3000);
        assertThat(r.update(1000, 4000)).as("window 1000..4000").isEqualTo((1000 - 100) / 3.0, within(1e-9));
    }

    @Test
    void aCounterThatGoesBackwardsStartsOver() {
        RateEstimator r = new RateEstimator(3000);
        r.update(500, 0);
        r.update(600, 1000);
        assertThat(r.update(10, 2000)).isZero();
        assertThat(r.update(60, 3000)).isEqualTo(50, within(1e-9));
    }
}
