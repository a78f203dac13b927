package io.plantconsole.telemetry.view;

import io.plantconsole.kernel.util.CsvExport;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.trend.AreaHeader;
import io.plantconsole.telemetry.view.trend.PenListEntry;
import io.plantconsole.telemetry.view.trend.PenSelection;
import io.plantconsole.telemetry.view.trend.TimeWindow;
import io.plantconsole.telemetry.view.trend.TrendChartModel;
import io.plantconsole.telemetry.view.trend.TrendCsv;
import io.plantconsole.telemetry.view.trend.TrendPen;
import io.plantconsole.telemetry.view.trend.UnitGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * State and decisions of the Trends screen around its chart: the pen list with its text and area filters, adding and
 * removing pens (at most {@link #MAX_PENS}, refused in words), the drill-down to an area, the time-window and live
 * toolbar, notices for the operator, and what an export contains. What the chart shows and when it reads the hub is
 * the {@link TrendChartModel} ({@link #chart()}), drawn by the {@code TrendChart} control. No scene-graph classes.
 *
 * <p>Threading: FX thread only.
 */
public final class TrendsViewModel {
    /** Most pens on the chart at once; the colour tokens {@code -pc-pen-0..7} match. */
    public static final int MAX_PENS = PenSelection.MAX_PENS;
    /** Default for "some pen shows live data": points needed in one pen's data set. */
    public static final int LIVE_DATA_MIN_POINTS = 5;

    private final TelemetryHub hub;
    private final TelemetryFormat format;
    private final TrendChartModel chart;
    private final PenSelection selection;
    private final ObservableList<PenListEntry> penList = FXCollections.observableArrayList();
    private final ObservableList<PenListEntry> penListView = FXCollections.unmodifiableObservableList(penList);
    private final ObservableList<String> areas = FXCollections.observableArrayList();
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<String> areaFilter = new SimpleObjectProperty<>(this, "areaFilter", null);
    private final ReadOnlyStringWrapper selectionSummary = new ReadOnlyStringWrapper(this, "selectionSummary", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError", false);

    /** Every channel of the hub in the pen list; the first area's pens on the chart, live on the last 10 minutes. */
    public TrendsViewModel(TelemetryHub hub, TelemetryFormat format) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.format = Objects.requireNonNull(format, "format");
        this.chart = new TrendChartModel(hub, format);
        this.selection = chart.selection();
        areas.setAll(hub.catalogue().areas());
        filterText.addListener((o, a, b) -> rebuildPenList());
        areaFilter.addListener((o, a, b) -> rebuildPenList());
        rebuildPenList();
        selection.selected().addListener((ListChangeListener<TrendPen>) c -> afterSelectionChange());
        List<String> all = hub.catalogue().areas();
        if (!all.isEmpty()) {
            selection.selectOnly(hub.catalogue().inArea(all.get(0)));
        }
        afterSelectionChange();
    }

    /** The chart's model: pens on the chart, window, reads, y ranges, cursor. */
    public TrendChartModel chart() {
        return chart;
    }

    // ------------------------------------------------------------------ pens and the pen list

    public List<TrendPen> pens() {
        return selection.pens();
    }

    public TrendPen pen(String channelId) {
        return selection.pen(channelId);
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
    public ObservableList<TrendPen> selectedPens() {
        return selection.selected();
    }

    /** The chosen pens grouped by unit, in the order the units first appear; one y axis per group. */
    public List<UnitGroup> unitGroups() {
        return selection.unitGroups();
    }

    /** For example {@code 3 of 8 pens}. */
    public ReadOnlyStringProperty selectionSummaryProperty() {
        return selectionSummary.getReadOnlyProperty();
    }

    /**
     * Adds or removes a pen. Adding beyond {@link #MAX_PENS} is refused with a notice.
     *
     * @return whether the pen's selection is now as asked
     */
    public boolean setPenSelected(TrendPen pen, boolean on) {
        if (selection.set(pen, on)) {
            return true;
        }
        notifyUser("At most " + MAX_PENS + " pens fit on one chart: remove one before adding "
                + pen.channel().name() + ".");
        return false;
    }

    /** Drill-down: shows the area's pens (the first {@link #MAX_PENS}), filters the list to the area, goes live. */
    public void showArea(String area) {
        List<ChannelDef> channels = hub.catalogue().inArea(area);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("unknown area " + area);
        }
        filterText.set("");
        areaFilter.set(area);
        selection.selectOnly(channels);
        if (channels.size() > MAX_PENS) {
            notifyUser("Showing the first " + MAX_PENS + " of " + channels.size() + " channels of " + area + ".");
        }
        chart.goLive();
    }

    /** Removes every pen from the chart. */
    public void clearPens() {
        selection.clear();
    }

    private void afterSelectionChange() {
        selectionSummary.set(selection.selected().size() + " of " + MAX_PENS + " pens");
        if (!selection.isFull() && message.get().startsWith("At most")) {
            dismissMessage();
        }
    }

    private void rebuildPenList() {
        String text = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        String area = areaFilter.get();
        List<PenListEntry> entries = new ArrayList<>();
        for (String a : hub.catalogue().areas()) {
            if (area != null && !area.equals(a)) {
                continue;
            }
            List<TrendPen> matching = new ArrayList<>();
            for (ChannelDef c : hub.catalogue().inArea(a)) {
                if (text.isEmpty() || matches(c, text)) {
                    matching.add(selection.pen(c.id()));
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

    // ------------------------------------------------------------------ toolbar: window, live and paused

    public ReadOnlyObjectProperty<TimeWindow> windowProperty() {
        return chart.windowProperty();
    }

    public TimeWindow window() {
        return chart.window();
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return chart.liveProperty();
    }

    public boolean isLive() {
        return chart.isLive();
    }

    /** Human description of what is shown, for example {@code Live · last 10 min} or a paused time range. */
    public ReadOnlyStringProperty rangeTextProperty() {
        return chart.rangeTextProperty();
    }

    /** Chooses a time window and follows the present again. */
    public void chooseWindow(TimeWindow w) {
        chart.chooseWindow(w);
    }

    /** Follows the present again. */
    public void goLive() {
        chart.goLive();
    }

    /** Freezes the time axis. */
    public void pause() {
        chart.pause();
    }

    /** Pause when live, live when paused (the live toggle). */
    public void toggleLive() {
        if (chart.isLive()) {
            chart.pause();
        } else {
            chart.goLive();
        }
    }

    // ------------------------------------------------------------------ notices

    /** A short notice for the operator (limits, exports); empty when there is none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether the notice reports a failure (shown as an error). */
    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    /** Shows a notice. */
    public void notifyUser(String text) {
        messageIsError.set(false);
        message.set(text == null ? "" : text);
    }

    /** Shows a notice that something failed. */
    public void notifyFailure(String text) {
        messageIsError.set(true);
        message.set(text == null ? "" : text);
    }

    public void dismissMessage() {
        message.set("");
        messageIsError.set(false);
    }

    // ------------------------------------------------------------------ export

    /** File name for an export, for example {@code trends-20240501-142233.csv}. */
    public String exportFileName(String extension) {
        return "trends-" + format.fileStamp(hub.nowMillis()) + "." + extension;
    }

    /** What is shown, as a table (see {@link TrendCsv}). FX thread (copies the buffers). */
    public CsvExport.Table csvTable() {
        return TrendCsv.of(selection.selected(), format);
    }
}
