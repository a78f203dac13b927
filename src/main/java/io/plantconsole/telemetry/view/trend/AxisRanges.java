package io.plantconsole.telemetry.view.trend;

import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.service.SeriesBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The y range of each unit's axis in live mode, remembered per unit so that a live axis does not jitter with every
 * sample: the chart's auto-ranging rounds to "nice" ticks and collapsed a pH axis of [3.93, 4.65] to [4, 4]
 * (ADR 0007), so the range is computed here and set on the axis. FX thread.
 */
public final class AxisRanges {
    private final Map<String, AxisRange> byUnit = new HashMap<>();

    /**
     * The range for a unit's axis: the data of its pens (last read) padded by 5 % and widened to round numbers. The
     * range is kept while the data stays inside it and fills at least a third of it. A flat line gets at least 1 % of
     * its instrument range. Without data: the normal band of the group's first channel.
     */
    public AxisRange of(UnitGroup group) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double instrument = 0;
        for (TrendPen p : group.pens()) {
            instrument = Math.max(instrument, p.channel().rangeHigh() - p.channel().rangeLow());
            SeriesBuffer b = p.buffer();
            double[] y = b.y();
            for (int i = 0, n = b.size(); i < n; i++) {
                double v = y[i];
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
            }
        }
        if (lo > hi) {
            ChannelDef c = group.pens().get(0).channel();
            lo = c.normalLow();
            hi = c.normalHigh();
        }
        AxisRange current = byUnit.get(group.unit());
        if (current != null && lo >= current.min() && hi <= current.max()
                && hi - lo >= (current.max() - current.min()) / 3) {
            return current;
        }
        AxisRange r = niceRange(lo, hi, instrument * 0.01);
        byUnit.put(group.unit(), r);
        return r;
    }

    /** Forgets every remembered range (new pens or a new window: the next ranges fit the data afresh). */
    public void clear() {
        byUnit.clear();
    }

    /** Pads [lo, hi] by 5 % (and to at least {@code minSpan}) and rounds it outward to a 1-2-2.5-5 step. */
    public static AxisRange niceRange(double lo, double hi, double minSpan) {
        double span = hi - lo;
        if (span < minSpan || span <= 0) {
            double mid = (hi + lo) / 2;
            span = minSpan > 0 ? minSpan : Math.max(Math.abs(mid) * 0.01, 1e-6);
            lo = mid - span / 2;
            hi = mid + span / 2;
        }
        lo -= span * 0.05;
        hi += span * 0.05;
        double step = niceStep((hi - lo) / 6);
        return new AxisRange(Math.floor(lo / step) * step, Math.ceil(hi / step) * step);
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
