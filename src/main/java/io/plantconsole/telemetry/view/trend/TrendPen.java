package io.plantconsole.telemetry.view.trend;

import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.service.SeriesBuffer;
import io.plantconsole.telemetry.view.TelemetryFormat;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One channel as a pen: selection, colour slot, quality, the value text shown for it and the data last read for it.
 * Read-only outside this package: {@link PenSelection} and {@link TrendChartModel} change it. FX thread.
 */
public final class TrendPen implements PenListEntry {
    private final ChannelDef channel;
    private final long staleAfterMillis;
    private final ReadOnlyBooleanWrapper selected = new ReadOnlyBooleanWrapper(this, "selected", false);
    private final ReadOnlyIntegerWrapper slot = new ReadOnlyIntegerWrapper(this, "slot", -1);
    private final ReadOnlyObjectWrapper<PenState> state = new ReadOnlyObjectWrapper<>(this, "state", PenState.NO_DATA);
    private final ReadOnlyStringWrapper valueText =
            new ReadOnlyStringWrapper(this, "valueText", TelemetryFormat.NO_VALUE);
    private final SeriesBuffer buffer = new SeriesBuffer();
    private String latestText = TelemetryFormat.NO_VALUE;

    TrendPen(ChannelDef channel, long staleAfterMillis) {
        this.channel = channel;
        this.staleAfterMillis = staleAfterMillis;
    }

    public ChannelDef channel() {
        return channel;
    }

    public String id() {
        return channel.id();
    }

    /** How long the channel may stay silent before its value counts as stale. */
    public long staleAfterMillis() {
        return staleAfterMillis;
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

    /** The latest value with unit, whatever the cursor shows. */
    public String latestText() {
        return latestText;
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

    void select(int colourSlot) {
        slot.set(colourSlot);
        selected.set(true);
    }

    void deselect() {
        selected.set(false);
        slot.set(-1);
    }

    /** The hub's verdict on the channel; the value text follows unless the cursor holds it. */
    void status(PenState quality, String latest, boolean cursorHoldsValue) {
        state.set(quality);
        latestText = latest;
        if (!cursorHoldsValue) {
            showValue(latest);
        }
    }

    void showValue(String text) {
        if (!text.equals(valueText.get())) {
            valueText.set(text);
        }
    }

    @Override
    public String toString() {
        return channel.name();
    }
}
