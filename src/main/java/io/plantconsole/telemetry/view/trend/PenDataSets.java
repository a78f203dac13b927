package io.plantconsole.telemetry.view.trend;

import io.fair_acc.dataset.locks.DefaultDataSetLock;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.plantconsole.telemetry.service.SeriesBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;

/**
 * The chart's data set of each pen, made when the pen is first shown and kept (charts are built once, ADR 0007):
 * styled {@code pen-N} by colour slot and {@code stale} while the pen has no fresh data (dashed in CSS; the hub's
 * NaN breaks make the gaps), and filled from the pens' buffers once per frame that has new data. FX thread only:
 * only the FX thread writes or locks these data sets.
 */
final class PenDataSets {
    private static final String STALE = "stale";

    private final Map<String, DoubleDataSet> sets = new HashMap<>();
    private final Map<TrendPen, ChangeListener<PenState>> stateListeners = new HashMap<>();

    /** The data set of a channel, or null before its pen was first shown. */
    DoubleDataSet get(String channelId) {
        return sets.get(channelId);
    }

    /** The data set of a chosen pen, styled for its current slot and state. */
    DoubleDataSet of(TrendPen p) {
        DoubleDataSet ds = sets.computeIfAbsent(p.id(), id -> new DoubleDataSet(p.channel().name()));
        List<String> old = new ArrayList<>(ds.getStyleClasses());
        old.removeIf(c -> !(c.startsWith("pen-") || c.equals(STALE)));
        if (!old.isEmpty()) {
            ds.removeStyleClasses(old.toArray(String[]::new));
        }
        ds.addStyleClasses("pen-" + p.slot());
        if (p.state() != PenState.LIVE) {
            ds.addStyleClasses(STALE);
        }
        stateListeners.computeIfAbsent(p, pen -> {
            ChangeListener<PenState> l = (o, a, b) -> {
                if (b == PenState.LIVE) {
                    ds.removeStyleClasses(STALE);
                } else if (!ds.getStyleClasses().contains(STALE)) {
                    ds.addStyleClasses(STALE);
                }
            };
            pen.stateProperty().addListener(l);
            return l;
        });
        return ds;
    }

    /** Stops following the state of pens that are no longer chosen. */
    void release(List<TrendPen> stillChosen) {
        stateListeners.entrySet().removeIf(e -> {
            if (stillChosen.contains(e.getKey())) {
                return false;
            }
            e.getKey().stateProperty().removeListener(e.getValue());
            return true;
        });
    }

    /** Copies each pen's last read into its data set. */
    void fill(List<TrendPen> pens) {
        for (TrendPen p : pens) {
            DoubleDataSet ds = sets.get(p.id());
            if (ds != null) {
                SeriesBuffer b = p.buffer();
                ds.set(b.x(), b.y(), b.size(), true);
            }
        }
    }

    /**
     * Whether the chart holds its data sets' read locks right now. ChartFX read-locks every data set from its
     * pre-layout to its post-layout step; normally both run inside one pulse, but attaching the chart to a scene
     * (showing the screen) or a snapshot outside a pulse takes the locks until the next pulse's post-layout. A write
     * from the FX thread in that window would wait for itself forever, so the copy waits for the next tick instead.
     */
    boolean lockedByChart() {
        for (DoubleDataSet ds : sets.values()) {
            if (ds.lock() instanceof DefaultDataSetLock<?> lock && lock.getReaderCount() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Stops following every pen. */
    void dispose() {
        release(List.of());
    }
}
