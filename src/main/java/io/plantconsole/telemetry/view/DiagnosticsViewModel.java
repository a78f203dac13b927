package io.plantconsole.telemetry.view;

import io.plantconsole.kernel.util.RateEstimator;
import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.ChannelStatus;
import io.plantconsole.telemetry.service.IngestDiagnostics;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Diagnostics screen: ingest counters, rejected input per cause with the latest examples, and
 * per-channel counters. Rows are stable objects updated in place, so tables keep their selection and scroll
 * position across refreshes.
 *
 * <p>Threading: FX thread. Refresh: {@code FxPulse.DIAGNOSTICS_HZ} (1 Hz) while the screen is shown.
 */
public final class DiagnosticsViewModel {
    static final long RATE_WINDOW_MILLIS = 5000;

    /** Rejected input of one cause. */
    public static final class CauseRow {
        private final BadCause cause;
        private final ReadOnlyLongWrapper count = new ReadOnlyLongWrapper(this, "count", 0);
        private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "0");

        CauseRow(BadCause cause) {
            this.cause = cause;
        }

        public BadCause cause() {
            return cause;
        }

        /** The cause in words, for example {@code invalid JSON}. */
        public String label() {
            return cause.label();
        }

        public ReadOnlyLongProperty countProperty() {
            return count.getReadOnlyProperty();
        }

        public long count() {
            return count.get();
        }

        public ReadOnlyStringProperty countTextProperty() {
            return countText.getReadOnlyProperty();
        }

        void set(long n) {
            if (n != count.get()) {
                count.set(n);
                countText.set(TelemetryFormat.count(n));
            }
        }
    }

    /** One recent rejected input. */
    public record ExampleRow(String time, String cause, String topic, String detail, long atMillis) {
    }

    /** Counters of one channel. */
    public static final class ChannelRow {
        private final String id;
        private final String name;
        private final String area;
        private final String unit;
        private final ReadOnlyStringWrapper received = new ReadOnlyStringWrapper(this, "received", "0");
        private final ReadOnlyStringWrapper rejected = new ReadOnlyStringWrapper(this, "rejected", "0");
        private final ReadOnlyStringWrapper lastArrival =
                new ReadOnlyStringWrapper(this, "lastArrival", TelemetryFormat.NO_VALUE);
        private final ReadOnlyStringWrapper lastValue =
                new ReadOnlyStringWrapper(this, "lastValue", TelemetryFormat.NO_VALUE);
        private final ReadOnlyObjectWrapper<Quality> quality =
                new ReadOnlyObjectWrapper<>(this, "quality", Quality.STALE);
        private final ReadOnlyStringWrapper qualityText = new ReadOnlyStringWrapper(this, "qualityText", "");
        private long receivedCount = -1;
        private long rejectedCount = -1;

        ChannelRow(ChannelStatus s) {
            this.id = s.channel().id();
            this.name = s.channel().name();
            this.area = s.channel().area();
            this.unit = s.channel().unit();
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public String area() {
            return area;
        }

        public String unit() {
            return unit;
        }

        public ReadOnlyStringProperty receivedProperty() {
            return received.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty rejectedProperty() {
            return rejected.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty lastArrivalProperty() {
            return lastArrival.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty lastValueProperty() {
            return lastValue.getReadOnlyProperty();
        }

        public ReadOnlyObjectProperty<Quality> qualityProperty() {
            return quality.getReadOnlyProperty();
        }

        /** {@code GOOD}, {@code STALE}, {@code BAD}, or {@code NO DATA} before the first sample. */
        public ReadOnlyStringProperty qualityTextProperty() {
            return qualityText.getReadOnlyProperty();
        }

        public long receivedCount() {
            return receivedCount;
        }

        public long rejectedCount() {
            return rejectedCount;
        }

        void update(ChannelStatus s, TelemetryFormat format) {
            if (s.received() != receivedCount) {
                receivedCount = s.received();
                received.set(TelemetryFormat.count(receivedCount));
            }
            if (s.rejected() != rejectedCount) {
                rejectedCount = s.rejected();
                rejected.set(TelemetryFormat.count(rejectedCount));
            }
            setIfChanged(lastArrival, s.received() == 0 ? TelemetryFormat.NO_VALUE
                    : format.time(s.lastArrivalMillis()));
            setIfChanged(lastValue, s.hasValue() ? TelemetryFormat.valueWithUnit(s.value(), s.channel())
                    : TelemetryFormat.NO_VALUE);
            quality.set(s.quality());
            setIfChanged(qualityText, s.received() == 0 ? "NO DATA" : s.quality().name());
        }
    }

    private final TelemetryHub hub;
    private final IngestPipeline pipeline;
    private final TelemetryFormat format;
    private final RateEstimator rate = new RateEstimator(RATE_WINDOW_MILLIS);
    private final ObservableList<CauseRow> causes = FXCollections.observableArrayList();
    private final ObservableList<ExampleRow> examples = FXCollections.observableArrayList();
    private final ObservableList<ChannelRow> channels = FXCollections.observableArrayList();
    private final Map<String, ChannelRow> channelById = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper messagesReceived = new ReadOnlyStringWrapper(this, "messagesReceived", "0");
    private final ReadOnlyStringWrapper messagesProcessed = new ReadOnlyStringWrapper(this, "messagesProcessed", "0");
    private final ReadOnlyStringWrapper messageRate = new ReadOnlyStringWrapper(this, "messageRate", "0/s");
    private final ReadOnlyStringWrapper queueDepth = new ReadOnlyStringWrapper(this, "queueDepth", "0");
    private final ReadOnlyStringWrapper acceptedSamples = new ReadOnlyStringWrapper(this, "acceptedSamples", "0");
    private final ReadOnlyStringWrapper badTotal = new ReadOnlyStringWrapper(this, "badTotal", "0");
    private final ReadOnlyStringWrapper dropped = new ReadOnlyStringWrapper(this, "dropped", "0");
    private final ReadOnlyBooleanWrapper anyBad = new ReadOnlyBooleanWrapper(this, "anyBad", false);
    private final ReadOnlyBooleanWrapper anyDropped = new ReadOnlyBooleanWrapper(this, "anyDropped", false);
    private final ReadOnlyStringWrapper updatedAt = new ReadOnlyStringWrapper(this, "updatedAt", "");
    private long lastExampleStamp = Long.MIN_VALUE;
    private int lastExampleCount = -1;

    public DiagnosticsViewModel(TelemetryHub hub, IngestPipeline pipeline, TelemetryFormat format) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.format = Objects.requireNonNull(format, "format");
        for (BadCause c : BadCause.values()) {
            causes.add(new CauseRow(c));
        }
        for (ChannelStatus s : hub.statuses()) {
            ChannelRow row = new ChannelRow(s);
            channels.add(row);
            channelById.put(row.id(), row);
        }
        refresh();
    }

    /** One row per cause, in a fixed order; {@link BadCause#QUEUE_FULL} counts dropped messages. */
    public ObservableList<CauseRow> causes() {
        return causes;
    }

    /** The latest rejected inputs, newest first (a few per cause). */
    public ObservableList<ExampleRow> examples() {
        return examples;
    }

    /** One row per catalogue channel, in catalogue order. */
    public ObservableList<ChannelRow> channels() {
        return channels;
    }

    public ChannelRow channel(String id) {
        return channelById.get(id);
    }

    public ReadOnlyStringProperty messagesReceivedProperty() {
        return messagesReceived.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messagesProcessedProperty() {
        return messagesProcessed.getReadOnlyProperty();
    }

    /** Messages per second handed to the ingest queue, over the last few seconds. */
    public ReadOnlyStringProperty messageRateProperty() {
        return messageRate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queueDepthProperty() {
        return queueDepth.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty acceptedSamplesProperty() {
        return acceptedSamples.getReadOnlyProperty();
    }

    /** Rejected input that was wrong (every cause but a full queue). */
    public ReadOnlyStringProperty badTotalProperty() {
        return badTotal.getReadOnlyProperty();
    }

    /** Messages dropped because the ingest queue was full. */
    public ReadOnlyStringProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** Whether any bad input was counted (the counter is then shown as abnormal). */
    public ReadOnlyBooleanProperty anyBadProperty() {
        return anyBad.getReadOnlyProperty();
    }

    /** Whether any message was dropped. */
    public ReadOnlyBooleanProperty anyDroppedProperty() {
        return anyDropped.getReadOnlyProperty();
    }

    /** For example {@code Updated 14:02:11}. */
    public ReadOnlyStringProperty updatedAtProperty() {
        return updatedAt.getReadOnlyProperty();
    }

    /** Reads every counter once. FX thread. */
    public void refresh() {
        long now = hub.nowMillis();
        IngestDiagnostics d = hub.diagnostics();
        long received = pipeline.messagesReceived();
        setIfChanged(messagesReceived, TelemetryFormat.count(received));
        setIfChanged(messagesProcessed, TelemetryFormat.count(pipeline.messagesProcessed()));
        setIfChanged(messageRate, TelemetryFormat.rate(rate.update(received, now)));
        setIfChanged(queueDepth, TelemetryFormat.count(pipeline.queued()));
        setIfChanged(acceptedSamples, TelemetryFormat.count(hub.acceptedSamples()));
        Map<BadCause, Long> snapshot = d.snapshot();
        for (CauseRow row : causes) {
            row.set(snapshot.getOrDefault(row.cause(), 0L));
        }
        long bad = d.bad();
        long drop = d.count(BadCause.QUEUE_FULL);
        setIfChanged(badTotal, TelemetryFormat.count(bad));
        setIfChanged(dropped, TelemetryFormat.count(drop));
        anyBad.set(bad > 0);
        anyDropped.set(drop > 0);
        refreshExamples(d);
        for (ChannelStatus s : hub.statuses()) {
            ChannelRow row = channelById.get(s.channel().id());
            if (row != null) {
                row.update(s, format);
            }
        }
        updatedAt.set("Updated " + format.time(now));
    }

    private void refreshExamples(IngestDiagnostics d) {
        List<IngestDiagnostics.Example> list = d.examples();
        long newest = list.isEmpty() ? Long.MIN_VALUE : list.get(0).atMillis();
        if (newest == lastExampleStamp && list.size() == lastExampleCount) {
            return;
        }
        lastExampleStamp = newest;
        lastExampleCount = list.size();
        List<ExampleRow> rows = new ArrayList<>(list.size());
        for (IngestDiagnostics.Example e : list) {
            rows.add(new ExampleRow(format.time(e.atMillis()), e.cause().label(), e.topic(), e.detail(),
                    e.atMillis()));
        }
        examples.setAll(rows);
    }

    private static void setIfChanged(ReadOnlyStringWrapper p, String v) {
        if (!v.equals(p.get())) {
            p.set(v);
        }
    }
}
