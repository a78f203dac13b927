package io.plantconsole.telemetry.view.trend;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The y-axis ranges of the trend chart: round, padded, never collapsed. */
class AxisRangesTest {
    private static final Offset<Double> EXACT = Offset.offset(1e-9);

    @Test
    void aPhRangeIsPaddedAndRoundedOutwardNotCollapsed() {
        AxisRange r = AxisRanges.niceRange(3.93, 4.65, 0.06);
        assertThat(r.min()).isEqualTo(3.8, EXACT);
        assertThat(r.max()).isEqualTo(4.8, EXACT);
    }

    @Test
    void aFlatLineGetsOnePercentOfItsInstrumentRange() {
        AxisRange r = AxisRanges.niceRange(4.0, 4.0, 0.06);
        assertThat(r.min()).isLessThan(4.0);
        assertThat(r.max()).isGreaterThan(4.0);
        assertThat(r.max() - r.min()).isLessThan(0.2);
    }

    @Test
    void aFlatLineWithoutAnInstrumentRangeStillGetsASpan() {
        AxisRange zero = AxisRanges.niceRange(0, 0, 0);
        assertThat(zero.max()).isGreaterThan(zero.min());
        AxisRange hot = AxisRanges.niceRange(200, 200, 0);
        assertThat(hot.min()).isLessThan(200).isGreaterThan(195);
        assertThat(hot.max()).isGreaterThan(200).isLessThan(205);
    }

    @Test
    void stepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertThat(AxisRanges.niceStep(0.9)).isEqualTo(1.0, EXACT);
        assertThat(AxisRanges.niceStep(1.7)).isEqualTo(2.0, EXACT);
        assertThat(AxisRanges.niceStep(23)).isEqualTo(25.0, EXACT);
        assertThat(AxisRanges.niceStep(0.004)).isEqualTo(0.005, EXACT);
        assertThat(AxisRanges.niceStep(61)).isEqualTo(100.0, EXACT);
    }
}
