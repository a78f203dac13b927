package io.plantconsole.telemetry.view;

import io.plantconsole.kernel.util.CsvExport;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.ChannelStatus;
import io.plantconsole.telemetry.service.SeriesBuffer;
import io.plantconsole.telemetry.service.TelemetryHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and decisions of the Trends screen: which pens are chosen (at most {@link #MAX_PENS}, each with a stable
 * colour slot), which time window, live or paused, what the hub is asked for and when, what the cursor reads, and
 * what an export contains. No scene-graph classes: the controller copies each pen's {@link SeriesBuffer} into its
 * chart data set after {@link #refresh} returns {@code true}.
 *
 * <p>Threading: FX thread only (the hub's read copies under a short per-channel lock and may be called from here).
 *
 * <p>Refresh rate: the controller calls {@link #refresh} at {@code FxPulse.TRENDS_HZ} (25 Hz). In live mode the hub
 * is read only when the window has moved by about one pixel ({@link #refreshIntervalMillis}), so a 1-minute window
 * reads at 25 Hz and a 24-hour window once a second; paused views are read once per change of the visible range.
 */
public final class TrendsViewModel {
    /** Most pens on the chart at once; the colour tokens {@code -pc-pen-0..7} match. */
    public static final int MAX_PENS = 8;
    /** Default for "some pen shows live data": points needed in one pen's data set. */
    public static final int LIVE_DATA_MIN_POINTS = 5;
    static final int POINTS_PER_PIXEL = 2;
    static final int DEFAULT_PLOT_WIDTH = 1000;
    static final long MIN_REFRESH_MILLIS = 40;
    static final long MAX_REFRESH_MILLIS = 1000;
    static final long STATUS_REFRESH_MILLIS = 500;

    /** The time windows an operator can choose. */
    public enum TimeWindow {
        MIN_1("1 min", Duration.ofMinutes(1)),
        MIN_10("10 min", Duration.ofMinutes(10)),
        HOUR_1("1 h", Duration.ofHours(1)),
        HOUR_8("8 h", Duration.ofHours(8)),
        HOUR_24("24 h", Duration.ofHours(24));

        private final String label;
        private final Duration duration;

        TimeWindow(String label, Duration duration) {
            this.label = label;
            this.duration = duration;
        }

        public String label() {
            return label;
        }

        public long millis() {
            return duration.toMillis();
        }
    }

    /** A pen's data quality as shown next to its name. */
    public enum PenState {
        LIVE(""),
        STALE("STALE"),
        BAD("BAD"),
        NO_DATA("NO DATA");

        private final String badge;

        PenState(String badge) {
            this.badge = badge;
        }

        /** Text shown with the pen (never colour alone); empty when live. */
        public String badge() {
            return badge;
        }
    }

    /** One row of the pen list: an area header or a pen. */
    public sealed interface PenListEntry permits AreaHeader, Pen {
    }

    /** Group header in the pen list. */
    public record AreaHeader(String area, int channels) implements PenListEntry {
    }

    /** What the cursor reads for one pen. */
    public record CursorReading(int slot, String name, String value, PenState state) {
    }

    /** Pens sharing one unit share one y axis. */
    public record UnitGroup(String unit, List<Pen> pens) {
    }

    /** A y-axis range. */
    public record AxisRange(double min, double max) {
    }

    /** One channel as a pen: selection, colour slot, quality and the data last read for it. */
    public static final class Pen implements PenListEntry {
        private final ChannelDef channel;
        private final ReadOnlyBooleanWrapper selected = new ReadOnlyBooleanWrapper(this, "selected", false);
        private final ReadOnlyIntegerWrapper slot = new ReadOnlyIntegerWrapper(this, "slot", -1);
        private final ReadOnlyObjectWrapper<PenState> state =
                new ReadOnlyObjectWrapper<>(this, "state", PenState.NO_DATA);
        private final ReadOnlyStringWrapper valueText =
                new ReadOnlyStringWrapper(this, "valueText", TelemetryFormat.NO_VALUE);
        private final SeriesBuffer buffer = new SeriesBuffer();
        private String latestText = TelemetryFormat.NO_VALUE;
        private long staleAfterMillis = 3000;

        Pen(ChannelDef channel) {
            this.channel = channel;
        }

        public ChannelDef channel() {
            return channel;
        }

        public String id() {
            return channel.id();
        }

        public ReadOnlyBooleanProperty selectedProperty() {
            return selected.getReadOnlyProperty();
        }

        public boolean isSelected() {
            return selected.get();
        }

        /** Colour slot 0..{@code MAX_PENS-1} while selected, -1 otherwise. Stable while the pen stays selected. */
        public ReadOnlyIntegerProperty slotProperty() {
            return slot.getReadOnlyProperty();
        }

        public int slot() {
            return slot.get();
        }

        public ReadOnlyObjectProperty<PenState> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public PenState state() {
            return state.get();
        }

        /** Latest value with unit, or the value at the cursor while the cursor is on the chart. */
        public ReadOnlyStringProperty valueTextProperty() {
            return valueText.getReadOnlyProperty();
        }

        public String valueText() {
            return valueText.get();
        }

        /** The data last read for this pen (x epoch seconds, y engineering units, NaN at gaps). FX thread. */
        public SeriesBuffer buffer() {
            return buffer;
        }

        /** Finite points in the last read. */
        public int finitePoints() {
            int n = 0;
            double[] y = buffer.y();
            for (int i = 0; i < buffer.size(); i++) {
                if (!Double.isNaN(y[i])) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public String toString() {
            return channel.name();
        }
    }

    private final TelemetryHub hub;
    private final TelemetryFormat format;
    private final List<Pen> pens = new ArrayList<>();
    private final Map<String, Pen> byId = new LinkedHashMap<>();
    private final ObservableList<PenListEntry> penList = FXCollections.observableArrayList();
    private final ObservableList<PenListEntry> penListView = FXCollections.unmodifiableObservableList(penList);
    private final ObservableList<Pen> selected = FXCollections.observableArrayList();
    private final ObservableList<Pen> selectedView = FXCollections.unmodifiableObservableList(selected);
    private final ObservableList<String> areas = FXCollections.observableArrayList();
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<String> areaFilter = new SimpleObjectProperty<>(this, "areaFilter", null);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", true);
    private final ReadOnlyObjectWrapper<TimeWindow> window =
            new ReadOnlyObjectWrapper<>(this, "window", TimeWindow.MIN_10);
    private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper(this, "rangeText", "");
    private final ReadOnlyStringWrapper selectionSummary = new ReadOnlyStringWrapper(this, "selectionSummary", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper cursorActive = new ReadOnlyBooleanWrapper(this, "cursorActive", false);
    private final ReadOnlyStringWrapper cursorTimeText = new ReadOnlyStringWrapper(this, "cursorTimeText", "");

    private final Map<String, AxisRange> unitRanges = new java.util.HashMap<>();
    private boolean dirty = true;
    private long lastReadMillis = Long.MIN_VALUE;
    private long lastStatusMillis = Long.MIN_VALUE;
    private double viewFrom;
    private double viewTo;
    private double cursorTime = Double.NaN;

    public TrendsViewModel(TelemetryHub hub, TelemetryFormat format) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.format = Objects.requireNonNull(format, "format");
        for (ChannelDef c : hub.catalogue().channels()) {
            Pen p = new Pen(c);
            p.staleAfterMillis = hub.staleAfterMillis(c);
            pens.add(p);
            byId.put(c.id(), p);
        }
        areas.setAll(hub.catalogue().areas());
        filterText.addListener((o, a, b) -> rebuildPenList());
        areaFilter.addListener((o, a, b) -> rebuildPenList());
        rebuildPenList();
        List<String> all = hub.catalogue().areas();
        if (!all.isEmpty()) {
            selectPens(hub.catalogue().inArea(all.get(0)));
        }
        long now = hub.nowMillis();
        viewTo = now / 1000.0;
        viewFrom = viewTo - window.get().millis() / 1000.0;
        updateRangeText();
    }

    /** The time zone of the console's clock, for the chart's local time axis. */
    public java.time.ZoneId zone() {
        return format.zone();
    }

    // ------------------------------------------------------------------ pens and the pen list

    public List<Pen> pens() {
        return Collections.unmodifiableList(pens);
    }

    public Pen pen(String channelId) {
        Pen p = byId.get(channelId);
        if (p == null) {
            throw new IllegalArgumentException("unknown channel " + channelId);
        }
        return p;
    }

    /** The pen list as shown: area headers followed by their pens, after the text and area filters. */
    public ObservableList<PenListEntry> penList() {
        return penListView;
    }

    /** The areas, for the area filter. */
    public ObservableList<String> areas() {
        return areas;
    }

    /** Text filter of the pen list: matches name, id, equipment, area or unit, ignoring case. */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** Area filter of the pen list; {@code null} shows every area. */
    public ObjectProperty<String> areaFilterProperty() {
        return areaFilter;
    }

    /** Chosen pens in colour-slot order. */
    public ObservableList<Pen> selectedPens() {
        return selectedView;
    }

    /** For example {@code 3 of 8 pens}. */
    public ReadOnlyStringProperty selectionSummaryProperty() {
        return selectionSummary.getReadOnlyProperty();
    }

    /** A short notice for the operator (limits, exports); empty when there is none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Shows a notice (the controller also uses it for export results). */
    public void notifyUser(String text) {
        message.set(text == null ? "" : text);
    }

    public void dismissMessage() {
        message.set("");
    }

    /**
     * Adds or removes a pen. Adding beyond {@link #MAX_PENS} is refused with a notice.
     *
     * @return whether the pen's selection is now as asked
     */
    public boolean setPenSelected(Pen pen, boolean on) {
        if (pen.isSelected() == on) {
            return true;
        }
        if (on) {
            if (selected.size() >= MAX_PENS) {
                message.set("At most " + MAX_PENS + " pens fit on one chart: remove one before adding "
                        + pen.channel().name() + ".");
                return false;
            }
            pen.slot.set(freeSlot());
            pen.selected.set(true);
            insertBySlot(pen);
            updateStatus(pen, hub.status(pen.id()));
        } else {
            pen.selected.set(false);
            pen.slot.set(-1);
            selected.remove(pen);
        }
        afterSelectionChange();
        return true;
    }

    /** Drill-down: shows the area's pens (the first {@link #MAX_PENS}), filters the list to the area, goes live. */
    public void showArea(String area) {
        List<ChannelDef> channels = hub.catalogue().inArea(area);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("unknown area " + area);
        }
        filterText.set("");
        areaFilter.set(area);
        selectPens(channels);
        if (channels.size() > MAX_PENS) {
            message.set("Showing the first " + MAX_PENS + " of " + channels.size() + " channels of " + area + ".");
        }
        goLive();
    }

    /** Removes every pen from the chart. */
    public void clearPens() {
        for (Pen p : List.copyOf(selected)) {
            p.selected.set(false);
            p.slot.set(-1);
        }
        selected.clear();
        afterSelectionChange();
    }

    /** The chosen pens grouped by unit, in the order the units first appear; one y axis per group. */
    public List<UnitGroup> unitGroups() {
        Map<String, List<Pen>> groups = new LinkedHashMap<>();
        for (Pen p : selected) {
            groups.computeIfAbsent(p.channel().unit(), u -> new ArrayList<>()).add(p);
        }
        List<UnitGroup> result = new ArrayList<>();
        groups.forEach((u, list) -> result.add(new UnitGroup(u, List.copyOf(list))));
        return result;
    }

    private void selectPens(List<ChannelDef> channels) {
        for (Pen p : List.copyOf(selected)) {
            p.selected.set(false);
            p.slot.set(-1);
        }
        selected.clear();
        for (ChannelDef c : channels) {
            if (selected.size() >= MAX_PENS) {
                break;
            }
            Pen p = byId.get(c.id());
            p.slot.set(selected.size());
            p.selected.set(true);
            selected.add(p);
            updateStatus(p, hub.status(p.id()));
        }
        afterSelectionChange();
    }

    private int freeSlot() {
        boolean[] used = new boolean[MAX_PENS];
        for (Pen p : selected) {
            used[p.slot()] = true;
        }
        for (int i = 0; i < MAX_PENS; i++) {
            if (!used[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no free pen slot");
    }

    private void insertBySlot(Pen pen) {
        int i = 0;
        while (i < selected.size() && selected.get(i).slot() < pen.slot()) {
            i++;
        }
        selected.add(i, pen);
    }

    private void afterSelectionChange() {
        unitRanges.clear();
        selectionSummary.set(selected.size() + " of " + MAX_PENS + " pens");
        if (selected.size() < MAX_PENS && message.get().startsWith("At most")) {
            message.set("");
        }
        dirty = true;
    }

    private void rebuildPenList() {
        String text = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        String area = areaFilter.get();
        List<PenListEntry> entries = new ArrayList<>();
        for (String a : hub.catalogue().areas()) {
            if (area != null && !area.equals(a)) {
                continue;
            }
            List<Pen> matching = new ArrayList<>();
            for (ChannelDef c : hub.catalogue().inArea(a)) {
                if (text.isEmpty() || matches(c, text)) {
                    matching.add(byId.get(c.id()));
                }
            }
            if (!matching.isEmpty()) {
                entries.add(new AreaHeader(a, matching.size()));
                entries.addAll(matching);
            }
        }
        penList.setAll(entries);
    }

    private static boolean matches(ChannelDef c, String text) {
        for (String s : new String[] {c.name(), c.id(), c.equipment(), c.area(), c.unit()}) {
            if (s != null && s.toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
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
        unitRanges.clear();
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
     * read on the next refresh. Ignored while live (the view model drives the axis then).
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

    /**
     * One pulse: refreshes pen qualities (twice a second) and, when due, reads every chosen pen's window from the
     * hub into its buffer. FX thread.
     *
     * @param plotWidthPx the chart's plot width in pixels (0 when not laid out yet)
     * @return whether new data was read (the controller then copies the buffers into the chart)
     */
    public boolean refresh(int plotWidthPx) {
        long now = hub.nowMillis();
        if (lastStatusMillis == Long.MIN_VALUE || now - lastStatusMillis >= STATUS_REFRESH_MILLIS
                || now < lastStatusMillis) {
            lastStatusMillis = now;
            for (Pen p : selected) {
                updateStatus(p, hub.status(p.id()));
            }
        }
        long from;
        long to;
        if (live.get()) {
            boolean due = lastReadMillis == Long.MIN_VALUE || now < lastReadMillis
                    || now - lastReadMillis >= refreshIntervalMillis(window.get(), plotWidthPx);
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
        for (Pen p : selected) {
            hub.read(p.id(), from, to, points, p.buffer);
        }
        lastReadMillis = now;
        dirty = false;
        if (cursorActive.get()) {
            applyCursor();
        }
        if (live.get()) {
            updateRangeText();
        }
        return true;
    }

    /** Whether some chosen pen holds at least {@code minPoints} finite points from the last read. */
    public boolean showsLiveData(int minPoints) {
        for (Pen p : selected) {
            if (p.finitePoints() >= minPoints) {
                return true;
            }
        }
        return false;
    }

    private void updateStatus(Pen p, ChannelStatus s) {
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
        p.state.set(st);
        p.latestText = s.hasValue() ? TelemetryFormat.valueWithUnit(s.value(), p.channel) : TelemetryFormat.NO_VALUE;
        if (!cursorActive.get()) {
            setIfChanged(p.valueText, p.latestText);
        }
    }

    private void updateRangeText() {
        if (live.get()) {
            rangeText.set("Live · last " + window.get().label());
        } else {
            rangeText.set("Paused · " + format.timeOfSeconds(viewFrom) + " – " + format.timeOfSeconds(viewTo));
        }
    }

    // ------------------------------------------------------------------ y axes

    /**
     * The y range for a unit's axis in live mode: the data of its pens (last read) padded by 5 % and widened to
     * round numbers, so tick labels are round and stay put. The range is kept while the data stays inside it and
     * fills at least a third of it, so a live axis does not jitter with every sample. A flat line gets at least 1 %
     * of its instrument range. Without data: the normal band of the group's first channel.
     */
    public AxisRange yRange(UnitGroup group) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double instrument = 0;
        for (Pen p : group.pens()) {
            instrument = Math.max(instrument, p.channel().rangeHigh() - p.channel().rangeLow());
            double[] y = p.buffer.y();
            for (int i = 0; i < p.buffer.size(); i++) {
                if (!Double.isNaN(y[i])) {
                    lo = Math.min(lo, y[i]);
                    hi = Math.max(hi, y[i]);
                }
            }
        }
        if (lo > hi) {
            ChannelDef c = group.pens().get(0).channel();
            lo = c.normalLow();
            hi = c.normalHigh();
        }
        AxisRange current = unitRanges.get(group.unit());
        if (current != null && lo >= current.min() && hi <= current.max()
                && hi - lo >= (current.max() - current.min()) / 3) {
            return current;
        }
        AxisRange r = niceRange(lo, hi, instrument * 0.01);
        unitRanges.put(group.unit(), r);
        return r;
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

    // ------------------------------------------------------------------ cursor

    public ReadOnlyBooleanProperty cursorActiveProperty() {
        return cursorActive.getReadOnlyProperty();
    }

    /** Local time at the cursor, {@code HH:mm:ss}; empty without a cursor. */
    public ReadOnlyStringProperty cursorTimeTextProperty() {
        return cursorTimeText.getReadOnlyProperty();
    }

    /** Puts the cursor at a time (epoch seconds): each pen's value text then shows its value at that time. */
    public void moveCursor(double epochSeconds) {
        cursorTime = epochSeconds;
        cursorActive.set(true);
        applyCursor();
    }

    /** Removes the cursor: value texts show the latest values again. */
    public void clearCursor() {
        cursorTime = Double.NaN;
        cursorActive.set(false);
        cursorTimeText.set("");
        for (Pen p : selected) {
            setIfChanged(p.valueText, p.latestText);
        }
    }

    /** The cursor's reading of every chosen pen, in slot order; empty without a cursor. */
    public List<CursorReading> cursorReadings() {
        if (!cursorActive.get()) {
            return List.of();
        }
        List<CursorReading> list = new ArrayList<>(selected.size());
        for (Pen p : selected) {
            list.add(new CursorReading(p.slot(), p.channel().name(), p.valueText(), p.state()));
        }
        return list;
    }

    /**
     * A pen's value at a time from its last read: the last sample at or before {@code t}, or NaN in a gap, before
     * the first sample, or more than the channel's stale time after the last one.
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

    private void applyCursor() {
        cursorTimeText.set(format.timeOfSeconds(cursorTime));
        for (Pen p : selected) {
            double v = valueAt(p.buffer, cursorTime, p.staleAfterMillis);
            setIfChanged(p.valueText, Double.isNaN(v) ? "no data" : TelemetryFormat.valueWithUnit(v, p.channel));
        }
    }

    private static void setIfChanged(ReadOnlyStringWrapper property, String value) {
        if (!value.equals(property.get())) {
            property.set(value);
        }
    }

    // ------------------------------------------------------------------ export

    /** File name for an export, for example {@code trends-20240501-142233.csv}. */
    public String exportFileName(String extension) {
        return "trends-" + format.fileStamp(hub.nowMillis()) + "." + extension;
    }

    /**
     * What is shown, as a table: one row per finite point of every chosen pen (gaps are left out), in local ISO time
     * with offset and in epoch seconds. FX thread (copies the buffers).
     */
    public CsvExport.Table csvTable() {
        List<String> header = List.of("time", "epoch_s", "pen", "channel_id", "value", "unit", "quality");
        List<List<String>> rows = new ArrayList<>();
        for (Pen p : selected) {
            SeriesBuffer b = p.buffer;
            double[] x = b.x();
            double[] y = b.y();
            byte[] q = b.quality();
            for (int i = 0; i < b.size(); i++) {
                if (Double.isNaN(y[i])) {
                    continue;
                }
                rows.add(List.of(format.isoTime(x[i]), String.format(Locale.ROOT, "%.3f", x[i]),
                        p.channel().name(), p.id(), Double.toString(y[i]), p.channel().unit(),
                        Quality.ofCode(q[i]).name()));
            }
        }
        return new CsvExport.Table(header, rows);
    }
}
