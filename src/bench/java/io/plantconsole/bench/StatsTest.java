package io.plantconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs with the benchmarks ({@code mvn -Pbench verify}), before them. */
class StatsTest {

    @Test
    void aRepetitionThatReceivedNothingCountsAsZeroInTheMedian() {
        double nothing = Stats.rate(0, 0.0);
        assertThat(nothing).isZero();
        assertThat(Stats.median(new double[] {nothing, 50_000, 60_000})).isEqualTo(50_000);
        assertThat(Stats.median(new double[] {nothing, nothing, 60_000})).isZero();
    }

    @Test
    void aMissingMeasurementMakesTheMedianUnknownInsteadOfDisappearing() {
        assertThat(Stats.median(new double[] {1, 2, Double.NaN})).isNaN();
        assertThat(Stats.median(new double[0])).isNaN();
        assertThat(Stats.fmt(Stats.median(new double[] {Double.NaN}))).isEqualTo("n/a");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndLeavesTheInputAlone() {
        double[] values = {4, 1, 3, 2};
        assertThat(Stats.median(values)).isEqualTo(2.5);
        assertThat(values).containsExactly(4, 1, 3, 2);
    }

    @Test
    void aRateIsCountPerSecond() {
        assertThat(Stats.rate(200_000, 4.0)).isEqualTo(50_000);
        assertThat(Stats.rate(5, 0.0)).isNaN();
    }
}
