package io.plantconsole.telemetry.view.trend;

import io.plantconsole.telemetry.service.SeriesBuffer;
import io.plantconsole.telemetry.view.TelemetryFormat;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The trend cursor's state: the time it stands at and what every chosen pen reads there, from the data last read.
 * While the cursor is on the chart each pen's value text shows its value at the cursor; without it, the latest
 * value. FX thread.
 */
public final class CursorReadout {
    /** Shown for a pen in a gap or outside its data at the cursor. */
    public static final String NO_DATA = "no data";

    private final TelemetryFormat format;
    private final List<TrendPen> pens;
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final ReadOnlyStringWrapper timeText = new ReadOnlyStringWrapper(this, "timeText", "");
    private double time = Double.NaN;

    /**
     * @param pens the chosen pens (a live list: the readout reads whatever is chosen at the time)
     */
    CursorReadout(TelemetryFormat format, List<TrendPen> pens) {
        this.format = format;
        this.pens = pens;
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public boolean isActive() {
        return active.get();
    }

    /** Local time at the cursor, {@code HH:mm:ss}; empty without a cursor. */
    public ReadOnlyStringProperty timeTextProperty() {
        return timeText.getReadOnlyProperty();
    }

    /** Puts the cursor at a time (epoch seconds): each pen's value text then shows its value at that time. */
    public void moveTo(double epochSeconds) {
        time = epochSeconds;
        active.set(true);
        apply();
    }

    /** Removes the cursor: value texts show the latest values again. */
    public void clear() {
        time = Double.NaN;
        active.set(false);
        timeText.set("");
        for (TrendPen p : pens) {
            p.showValue(p.latestText());
        }
    }

    /** Reads the pens again at the cursor's time (after new data was read). No-op without a cursor. */
    void refresh() {
        if (active.get()) {
            apply();
        }
    }

    /** The cursor's reading of every chosen pen, in slot order; empty without a cursor. */
    public List<CursorReading> readings() {
        if (!active.get()) {
            return List.of();
        }
        List<CursorReading> list = new ArrayList<>(pens.size());
        for (TrendPen p : pens) {
            list.add(new CursorReading(p.slot(), p.channel().name(), p.valueText(), p.state()));
        }
        return list;
    }

    private void apply() {
        timeText.set(format.timeOfSeconds(time));
        for (TrendPen p : pens) {
            double v = valueAt(p.buffer(), time, p.staleAfterMillis());
            p.showValue(Double.isNaN(v) ? NO_DATA : TelemetryFormat.valueWithUnit(v, p.channel()));
        }
    }

    /**
     * A series' value at a time: the last sample at or before {@code t}, or NaN in a gap, before the first sample, or
     * more than the channel's stale time after the last one.
     */
    public static double valueAt(SeriesBuffer b, double t, long staleAfterMillis) {
        int n = b.size();
        double[] x = b.x();
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return Double.NaN;
        }
        if (found == n - 1 && (t - x[found]) * 1000.0 > staleAfterMillis) {
            return Double.NaN;
        }
        return b.y()[found];
    }
}
