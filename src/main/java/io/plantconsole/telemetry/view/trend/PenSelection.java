package io.plantconsole.telemetry.view.trend;

import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.service.TelemetryHub;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Which pens are on the chart: every catalogue channel as a {@link TrendPen}, at most {@link #MAX_PENS} chosen, each
 * with a colour slot that stays put while the pen stays chosen (a removed pen's slot goes to the next one added).
 * FX thread.
 */
public final class PenSelection {
    /** Most pens on the chart at once; the colour tokens {@code -pc-pen-0..7} match. */
    public static final int MAX_PENS = 8;

    private final List<TrendPen> pens = new ArrayList<>();
    private final Map<String, TrendPen> byId = new LinkedHashMap<>();
    private final ObservableList<TrendPen> selected = FXCollections.observableArrayList();
    private final ObservableList<TrendPen> selectedView = FXCollections.unmodifiableObservableList(selected);

    /** Every channel of the hub's catalogue, none chosen. */
    public PenSelection(TelemetryHub hub) {
        for (ChannelDef c : hub.catalogue().channels()) {
            TrendPen p = new TrendPen(c, hub.staleAfterMillis(c));
            pens.add(p);
            byId.put(c.id(), p);
        }
    }

    public List<TrendPen> pens() {
        return Collections.unmodifiableList(pens);
    }

    public TrendPen pen(String channelId) {
        TrendPen p = byId.get(channelId);
        if (p == null) {
            throw new IllegalArgumentException("unknown channel " + channelId);
        }
        return p;
    }

    /** Chosen pens in colour-slot order. */
    public ObservableList<TrendPen> selected() {
        return selectedView;
    }

    public boolean isFull() {
        return selected.size() >= MAX_PENS;
    }

    /**
     * Adds or removes one pen; adding to a full chart is refused.
     *
     * @return whether the pen's selection is now as asked
     */
    public boolean set(TrendPen pen, boolean on) {
        if (pen.isSelected() == on) {
            return true;
        }
        if (!on) {
            pen.deselect();
            selected.remove(pen);
            return true;
        }
        if (isFull()) {
            return false;
        }
        pen.select(freeSlot());
        int i = 0;
        while (i < selected.size() && selected.get(i).slot() < pen.slot()) {
            i++;
        }
        selected.add(i, pen);
        return true;
    }

    /** Replaces the chosen pens with the first {@link #MAX_PENS} of these channels, in order (one list change). */
    public void selectOnly(List<ChannelDef> channels) {
        List<TrendPen> chosen = new ArrayList<>();
        for (ChannelDef c : channels) {
            if (chosen.size() >= MAX_PENS) {
                break;
            }
            chosen.add(pen(c.id()));
        }
        for (TrendPen p : selected) {
            p.deselect();
        }
        for (int i = 0; i < chosen.size(); i++) {
            chosen.get(i).select(i);
        }
        selected.setAll(chosen);
    }

    /** Removes every pen. */
    public void clear() {
        selectOnly(List.of());
    }

    /** The chosen pens grouped by unit, in the order the units first appear; one y axis per group. */
    public List<UnitGroup> unitGroups() {
        Map<String, List<TrendPen>> groups = new LinkedHashMap<>();
        for (TrendPen p : selected) {
            groups.computeIfAbsent(p.channel().unit(), u -> new ArrayList<>()).add(p);
        }
        List<UnitGroup> result = new ArrayList<>(groups.size());
        groups.forEach((u, list) -> result.add(new UnitGroup(u, List.copyOf(list))));
        return result;
    }

    private int freeSlot() {
        boolean[] used = new boolean[MAX_PENS];
        for (TrendPen p : selected) {
            used[p.slot()] = true;
        }
        for (int i = 0; i < MAX_PENS; i++) {
            if (!used[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no free pen slot");
    }
}
