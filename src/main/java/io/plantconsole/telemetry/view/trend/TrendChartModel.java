package io.plantconsole.telemetry.view.trend;

import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.ChannelStatus;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.TelemetryFormat;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * What a trend chart shows, and when it reads: the chosen pens ({@link PenSelection}), the time window, live or
 * paused, each pen's quality and data as last read from the hub, the y range of each unit ({@link AxisRanges}) and
 * the cursor ({@link CursorReadout}). No scene-graph classes: the {@link TrendChart} control draws it.
 *
 * <p>Threading: FX thread only (the hub's read copies under a short per-channel lock and may be called from here).
 *
 * <p>Refresh rate: the chart calls {@link #refresh} at {@code FxPulse.TRENDS_HZ} (25 Hz). In live mode the hub is
 * read only when the window has moved by about one pixel ({@link #refreshIntervalMillis}), so a 1-minute window
 * reads at 25 Hz and a 24-hour window once a second; paused views are read once per change of the visible range.
 */
public final class TrendChartModel {
    static final int POINTS_PER_PIXEL = 2;
    static final int DEFAULT_PLOT_WIDTH = 1000;
    static final long MIN_REFRESH_MILLIS = 40;
    static final long MAX_REFRESH_MILLIS = 1000;
    static final long STATUS_REFRESH_MILLIS = 500;

    /** When a live chart reads the hub. */
    public enum ReadCadence {
        /** When the window has moved by about a pixel (the console's trends). */
        PER_PIXEL,
        /** On every refresh: the most work per frame (benchmarks measure the chart at this worst case). */
        EVERY_REFRESH
    }

    private final TelemetryHub hub;
    private final TelemetryFormat format;
    private final PenSelection selection;
    private final AxisRanges ranges = new AxisRanges();
    private final CursorReadout cursor;
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", true);
    private final ReadOnlyObjectWrapper<TimeWindow> window =
            new ReadOnlyObjectWrapper<>(this, "window", TimeWindow.MIN_10);
    private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper(this, "rangeText", "");
    private ReadCadence cadence = ReadCadence.PER_PIXEL;
    private boolean dirty = true;
    private long lastReadMillis = Long.MIN_VALUE;
    private long lastStatusMillis = Long.MIN_VALUE;
    private double viewFrom;
    private double viewTo;

    /** Every channel of the hub as a pen, none chosen, live on the last 10 minutes. */
    public TrendChartModel(TelemetryHub hub, TelemetryFormat format) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.format = Objects.requireNonNull(format, "format");
        this.selection = new PenSelection(hub);
        this.cursor = new CursorReadout(format, selection.selected());
        selection.selected().addListener((ListChangeListener<TrendPen>) c -> {
            while (c.next()) {
                for (TrendPen p : c.getAddedSubList()) {
                    updateStatus(p);
                }
            }
            ranges.clear();
            dirty = true;
        });
        viewTo = hub.nowMillis() / 1000.0;
        viewFrom = viewTo - window.get().millis() / 1000.0;
        updateRangeText();
    }

    /** The time zone of the console's clock, for the chart's local time axis. */
    public ZoneId zone() {
        return format.zone();
    }

    public PenSelection selection() {
        return selection;
    }

    /** Chosen pens in colour-slot order. */
    public ObservableList<TrendPen> selectedPens() {
        return selection.selected();
    }

    /** The chosen pens grouped by unit; one y axis per group. */
    public List<UnitGroup> unitGroups() {
        return selection.unitGroups();
    }

    public CursorReadout cursor() {
        return cursor;
    }

    /** Chooses when a live chart reads the hub; {@link ReadCadence#PER_PIXEL} unless a benchmark says otherwise. */
    public void setReadCadence(ReadCadence cadence) {
        this.cadence = Objects.requireNonNull(cadence, "cadence");
    }

    // ------------------------------------------------------------------ window, live and paused

    public ReadOnlyObjectProperty<TimeWindow> windowProperty() {
        return window.getReadOnlyProperty();
    }

    public TimeWindow window() {
        return window.get();
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public boolean isLive() {
        return live.get();
    }

    /** Human description of what is shown, for example {@code Live · last 10 min} or a paused time range. */
    public ReadOnlyStringProperty rangeTextProperty() {
        return rangeText.getReadOnlyProperty();
    }

    /** Chooses a time window and follows the present again. */
    public void chooseWindow(TimeWindow w) {
        window.set(Objects.requireNonNull(w));
        ranges.clear();
        goLive();
    }

    /** Follows the present: the chart shows the last window up to now and moves with it. */
    public void goLive() {
        live.set(true);
        dirty = true;
        updateRangeText();
    }

    /** Freezes the time axis (the operator zoomed, panned or pressed pause). */
    public void pause() {
        if (!live.get()) {
            return;
        }
        live.set(false);
        updateRangeText();
    }

    /**
     * The visible time range while paused, as the chart's axis reports it after a zoom or pan; the data for it is
     * read on the next refresh. Ignored while live (the model drives the axis then).
     */
    public void setViewRange(double fromSeconds, double toSeconds) {
        if (live.get() || !(toSeconds > fromSeconds)) {
            return;
        }
        if (fromSeconds != viewFrom || toSeconds != viewTo) {
            viewFrom = fromSeconds;
            viewTo = toSeconds;
            dirty = true;
            updateRangeText();
        }
    }

    /** Start of the shown range, epoch seconds. */
    public double viewFrom() {
        return viewFrom;
    }

    /** End of the shown range, epoch seconds. */
    public double viewTo() {
        return viewTo;
    }

    /**
     * How often a live chart of this window is worth reading: once per pixel of movement, but at least every
     * {@value #MAX_REFRESH_MILLIS} ms (new samples at the right edge) and at most every {@value #MIN_REFRESH_MILLIS}
     * ms (25 Hz).
     */
    public static long refreshIntervalMillis(TimeWindow w, int plotWidthPx) {
        int width = plotWidthPx > 0 ? plotWidthPx : DEFAULT_PLOT_WIDTH;
        long perPixel = w.millis() / width;
        return Math.max(MIN_REFRESH_MILLIS, Math.min(MAX_REFRESH_MILLIS, perPixel));
    }

    /** Points asked from the hub per pen: about two per pixel (a min/max pair). */
    public static int maxPoints(int plotWidthPx) {
        int width = plotWidthPx > 0 ? plotWidthPx : DEFAULT_PLOT_WIDTH;
        return Math.max(200, width * POINTS_PER_PIXEL);
    }

    // ------------------------------------------------------------------ reading

    /**
     * One pulse: refreshes pen qualities (twice a second) and, when due, reads every chosen pen's window from the
     * hub into its buffer. FX thread.
     *
     * @param plotWidthPx the chart's plot width in pixels (0 when not laid out yet)
     * @return whether new data was read (the chart then copies the buffers into its data sets)
     */
    public boolean refresh(int plotWidthPx) {
        long now = hub.nowMillis();
        if (lastStatusMillis == Long.MIN_VALUE || now - lastStatusMillis >= STATUS_REFRESH_MILLIS
                || now < lastStatusMillis) {
            lastStatusMillis = now;
            for (TrendPen p : selection.selected()) {
                updateStatus(p);
            }
        }
        long from;
        long to;
        if (live.get()) {
            boolean due = cadence == ReadCadence.EVERY_REFRESH || lastReadMillis == Long.MIN_VALUE
                    || now < lastReadMillis || now - lastReadMillis >= refreshIntervalMillis(window.get(), plotWidthPx);
            if (!dirty && !due) {
                return false;
            }
            to = now;
            from = now - window.get().millis();
            viewFrom = from / 1000.0;
            viewTo = to / 1000.0;
        } else {
            if (!dirty) {
                return false;
            }
            from = (long) Math.floor(viewFrom * 1000.0);
            to = (long) Math.ceil(viewTo * 1000.0);
        }
        int points = maxPoints(plotWidthPx);
        for (TrendPen p : selection.selected()) {
            hub.read(p.id(), from, to, points, p.buffer());
        }
        lastReadMillis = now;
        dirty = false;
        cursor.refresh();
        return true;
    }

    /** Whether some chosen pen holds at least {@code minPoints} finite points from the last read. */
    public boolean showsLiveData(int minPoints) {
        for (TrendPen p : selection.selected()) {
            if (p.finitePoints() >= minPoints) {
                return true;
            }
        }
        return false;
    }

    /** The y range of a unit's axis in live mode (see {@link AxisRanges#of}). */
    public AxisRange yRange(UnitGroup group) {
        return ranges.of(group);
    }

    private void updateStatus(TrendPen p) {
        ChannelStatus s = hub.status(p.id());
        PenState st;
        if (!s.hasValue()) {
            st = PenState.NO_DATA;
        } else if (s.quality() == Quality.STALE) {
            st = PenState.STALE;
        } else if (s.quality() == Quality.BAD) {
            st = PenState.BAD;
        } else {
            st = PenState.LIVE;
        }
        String latest = s.hasValue() ? TelemetryFormat.valueWithUnit(s.value(), p.channel()) : TelemetryFormat.NO_VALUE;
        p.status(st, latest, cursor != null && cursor.isActive());
    }

    private void updateRangeText() {
        if (live.get()) {
            rangeText.set("Live · last " + window.get().label());
        } else {
            rangeText.set("Paused · " + format.timeOfSeconds(viewFrom) + " – " + format.timeOfSeconds(viewTo));
        }
    }
}
