package io.plantconsole.telemetry.view;

import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.ChannelStatus;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.trend.CursorReadout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * State and decisions of the Overview screen: one tile per channel, grouped by area, each classified for ISA-101
 * display (grey when normal; colour plus a text badge and a shape only when abnormal, stale or bad).
 *
 * <p>Threading: FX thread. Refresh: the controller calls {@link #refresh()} at {@code FxPulse.TILES_HZ} (2 Hz),
 * which reads the hub's latest-value map once ({@link TelemetryHub#statuses()}).
 */
public final class OverviewViewModel {

    /** How a tile is shown. Order matters: the worst state of an area decides its header. */
    public enum TileState {
        NORMAL(""),
        NO_DATA("NO DATA"),
        LOW("LOW"),
        HIGH("HIGH"),
        BAD("BAD"),
        STALE("STALE");

        private final String badge;

        TileState(String badge) {
            this.badge = badge;
        }

        /** Text shown on the tile with its colour (never colour alone); empty when normal. */
        public String badge() {
            return badge;
        }

        /** Whether the tile needs the operator's eye (everything but normal). */
        public boolean flagged() {
            return this != NORMAL;
        }
    }

    /** One channel's tile. */
    public static final class TileModel {
        private final ChannelDef channel;
        private final int decimals;
        private final String normalBand;
        private final ReadOnlyObjectWrapper<TileState> state =
                new ReadOnlyObjectWrapper<>(this, "state", TileState.NO_DATA);
        private final ReadOnlyStringWrapper valueText =
                new ReadOnlyStringWrapper(this, "valueText", TelemetryFormat.NO_VALUE);
        private double value = Double.NaN;
        private boolean fresh;

        TileModel(ChannelDef channel) {
            this.channel = channel;
            this.decimals = TelemetryFormat.decimals(channel);
            this.normalBand = TelemetryFormat.normalBand(channel);
        }

        public ChannelDef channel() {
            return channel;
        }

        public int decimals() {
            return decimals;
        }

        /** For example {@code Normal 110.0–135.0 °C}. */
        public String normalBand() {
            return normalBand;
        }

        public ReadOnlyObjectProperty<TileState> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public TileState state() {
            return state.get();
        }

        /** Latest value with unit, or {@code —} before the first sample. */
        public ReadOnlyStringProperty valueTextProperty() {
            return valueText.getReadOnlyProperty();
        }

        public String valueText() {
            return valueText.get();
        }

        /** Latest value (NaN before the first sample). */
        public double value() {
            return value;
        }

        /**
         * Whether the last refresh brought a value worth adding to the sparkline: the channel is not stale and has a
         * value. Stale channels freeze their sparkline rather than repeat an old value as if it were new.
         */
        public boolean hasFreshValue() {
            return fresh;
        }

        void update(ChannelStatus s) {
            TileState st = classify(s);
            if (st != state.get()) {
                state.set(st);
            }
            value = s.hasValue() ? s.value() : Double.NaN;
            fresh = s.hasValue() && st != TileState.STALE;
            String text = TelemetryFormat.valueWithUnit(value, channel);
            if (!text.equals(valueText.get())) {
                valueText.set(text);
            }
        }
    }

    /** An area's tiles and its header line. */
    public static final class AreaSection {
        private final String area;
        private final List<TileModel> tiles;
        private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
        private final ReadOnlyObjectWrapper<TileState> worst =
                new ReadOnlyObjectWrapper<>(this, "worst", TileState.NORMAL);

        AreaSection(String area, List<TileModel> tiles) {
            this.area = area;
            this.tiles = List.copyOf(tiles);
        }

        public String area() {
            return area;
        }

        public List<TileModel> tiles() {
            return tiles;
        }

        /** For example {@code 6 channels · 1 high · 1 stale}, or {@code 6 channels · all normal}. */
        public ReadOnlyStringProperty summaryProperty() {
            return summary.getReadOnlyProperty();
        }

        /** The worst tile state in the area. */
        public ReadOnlyObjectProperty<TileState> worstProperty() {
            return worst.getReadOnlyProperty();
        }

        void update() {
            summary.set(summarize(tiles));
            TileState w = TileState.NORMAL;
            for (TileModel t : tiles) {
                if (t.state().ordinal() > w.ordinal()) {
                    w = t.state();
                }
            }
            worst.set(w);
        }
    }

    private final TelemetryHub hub;
    private final io.plantconsole.telemetry.service.SeriesBuffer history =
            new io.plantconsole.telemetry.service.SeriesBuffer();
    private final List<AreaSection> sections = new ArrayList<>();
    private final Map<String, TileModel> byId = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<TileState> worst =
            new ReadOnlyObjectWrapper<>(this, "worst", TileState.NORMAL);

    public OverviewViewModel(TelemetryHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
        for (String area : hub.catalogue().areas()) {
            List<TileModel> tiles = new ArrayList<>();
            for (ChannelDef c : hub.catalogue().inArea(area)) {
                TileModel t = new TileModel(c);
                tiles.add(t);
                byId.put(c.id(), t);
            }
            sections.add(new AreaSection(area, tiles));
        }
        refresh();
    }

    /** Areas in catalogue order, each with its tiles. */
    public List<AreaSection> sections() {
        return sections;
    }

    public TileModel tile(String channelId) {
        TileModel t = byId.get(channelId);
        if (t == null) {
            throw new IllegalArgumentException("unknown channel " + channelId);
        }
        return t;
    }

    /** Plant-wide line, for example {@code 24 channels · 2 high · 1 stale}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TileState> worstProperty() {
        return worst.getReadOnlyProperty();
    }

    /** Reads the latest values once and updates every tile. FX thread. */
    public void refresh() {
        update(hub.statuses());
    }

    /** Updates the tiles from statuses (in any order; unknown channels are ignored). */
    public void update(List<ChannelStatus> statuses) {
        for (ChannelStatus s : statuses) {
            TileModel t = byId.get(s.channel().id());
            if (t != null) {
                t.update(s);
            }
        }
        TileState w = TileState.NORMAL;
        for (AreaSection a : sections) {
            a.update();
            if (a.worst.get().ordinal() > w.ordinal()) {
                w = a.worst.get();
            }
        }
        worst.set(w);
        summary.set(summarize(new ArrayList<>(byId.values())));
    }

    /**
     * A channel's recent history for its sparkline: {@code points} values, one per {@code stepMillis}, oldest first,
     * ending now; each is the last sample at or before its time, NaN where there was none (gaps, before the first
     * sample). Used to fill a sparkline when the screen is shown, so it starts with the real last minute.
     */
    public double[] recentValues(String channelId, int points, long stepMillis) {
        TileModel t = tile(channelId);
        long now = hub.nowMillis();
        long from = now - points * stepMillis;
        hub.read(channelId, from, now, Math.max(2 * points, 200), history);
        long staleAfter = hub.staleAfterMillis(t.channel());
        double[] values = new double[points];
        for (int k = 0; k < points; k++) {
            double at = (from + (k + 1) * stepMillis) / 1000.0;
            values[k] = CursorReadout.valueAt(history, at, staleAfter);
        }
        return values;
    }

    /**
     * What a sparkline is filled with when the screen is shown: {@link #recentValues} with the gaps filled (before
     * the first sample: the first value; after it: the previous value), so the line starts at real data instead of
     * the instrument's low end. Empty when the channel has no sample in that time (the tile waits for one).
     */
    public double[] sparklineSeed(String channelId, int points, long stepMillis) {
        double[] v = recentValues(channelId, points, stepMillis);
        int first = 0;
        while (first < v.length && Double.isNaN(v[first])) {
            first++;
        }
        if (first == v.length) {
            return new double[0];
        }
        for (int i = 0; i < first; i++) {
            v[i] = v[first];
        }
        for (int i = first + 1; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = v[i - 1];
            }
        }
        return v;
    }

    /**
     * The ISA-101 decision for one channel: stale (no fresh data) beats bad quality beats out-of-band; a value inside
     * the normal band with good quality is normal.
     */
    public static TileState classify(ChannelStatus s) {
        if (!s.hasValue()) {
            return s.quality() == Quality.STALE && s.received() == 0 ? TileState.NO_DATA : TileState.STALE;
        }
        if (s.quality() == Quality.STALE) {
            return TileState.STALE;
        }
        if (s.quality() == Quality.BAD) {
            return TileState.BAD;
        }
        if (s.value() > s.channel().normalHigh()) {
            return TileState.HIGH;
        }
        if (s.value() < s.channel().normalLow()) {
            return TileState.LOW;
        }
        return TileState.NORMAL;
    }

    static String summarize(List<TileModel> tiles) {
        int[] counts = new int[TileState.values().length];
        for (TileModel t : tiles) {
            counts[t.state().ordinal()]++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(tiles.size()).append(tiles.size() == 1 ? " channel" : " channels");
        if (counts[TileState.NORMAL.ordinal()] == tiles.size()) {
            return sb.append(" · all normal").toString();
        }
        TileState[] order = {TileState.HIGH, TileState.LOW, TileState.BAD, TileState.STALE, TileState.NO_DATA};
        for (TileState st : order) {
            int n = counts[st.ordinal()];
            if (n > 0) {
                sb.append(" · ").append(n).append(' ').append(st.badge().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return sb.toString();
    }
}
