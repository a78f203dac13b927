package io.plantconsole.app.shell;

import io.plantconsole.kernel.util.RateEstimator;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.sync.view.SyncViewModel;
import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.view.TelemetryFormat;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * State of the shell around the screens: the status bar (broker state, messages/s, accepted samples, bad and
 * dropped counts, sync, clock) and the "broker lost" banner.
 *
 * <p>Threading: FX thread. Refresh: {@code FxPulse.STATUS_HZ} (4 Hz) for the counters and the clock, and at once
 * (coalesced through {@code FxCoalescer}) when the source reports a new connection state.
 */
public final class ShellViewModel {
    /** Banner title while the broker is lost. */
    public static final String BANNER_TITLE = "Broker lost — reconnecting…";
    static final long RATE_WINDOW_MILLIS = 3000;

    private final UiServices services;
    private final TelemetryFormat format;
    private final RateEstimator rate = new RateEstimator(RATE_WINDOW_MILLIS);
    private final ReadOnlyObjectWrapper<ConnectionState> connection =
            new ReadOnlyObjectWrapper<>(this, "connection", ConnectionState.CONNECTING);
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper(this, "connectionText", "");
    private final ReadOnlyBooleanWrapper bannerVisible = new ReadOnlyBooleanWrapper(this, "bannerVisible", false);
    private final ReadOnlyStringWrapper bannerDetail = new ReadOnlyStringWrapper(this, "bannerDetail", "");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rateText", "");
    private final ReadOnlyStringWrapper acceptedText = new ReadOnlyStringWrapper(this, "acceptedText", "");
    private final ReadOnlyStringWrapper badText = new ReadOnlyStringWrapper(this, "badText", "");
    private final ReadOnlyStringWrapper droppedText = new ReadOnlyStringWrapper(this, "droppedText", "");
    private final ReadOnlyBooleanWrapper anyBad = new ReadOnlyBooleanWrapper(this, "anyBad", false);
    private final ReadOnlyBooleanWrapper anyDropped = new ReadOnlyBooleanWrapper(this, "anyDropped", false);
    private final ReadOnlyStringWrapper syncText = new ReadOnlyStringWrapper(this, "syncText", "");
    private final ReadOnlyBooleanWrapper syncAbnormal = new ReadOnlyBooleanWrapper(this, "syncAbnormal", false);
    private final ReadOnlyStringWrapper clockText = new ReadOnlyStringWrapper(this, "clockText", "");
    private long lostSinceMillis;

    public ShellViewModel(UiServices services) {
        this.services = Objects.requireNonNull(services, "services");
        this.format = new TelemetryFormat(services.clock().getZone());
        refresh();
    }

    public TelemetryFormat format() {
        return format;
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** For example {@code Broker connected}. */
    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    /** Whether the red "broker lost" banner shows (state RECONNECTING or DISCONNECTED). */
    public ReadOnlyBooleanProperty bannerVisibleProperty() {
        return bannerVisible.getReadOnlyProperty();
    }

    public boolean isBannerVisible() {
        return bannerVisible.get();
    }

    /** The banner's second line: the last error and since when the broker is lost. */
    public ReadOnlyStringProperty bannerDetailProperty() {
        return bannerDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty acceptedTextProperty() {
        return acceptedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty badTextProperty() {
        return badText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty droppedTextProperty() {
        return droppedText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty anyBadProperty() {
        return anyBad.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty anyDroppedProperty() {
        return anyDropped.getReadOnlyProperty();
    }

    /** The sync segment: {@code Sync: 12 pending}, {@code Sync: offline}, {@code Sync: not configured}… */
    public ReadOnlyStringProperty syncTextProperty() {
        return syncText.getReadOnlyProperty();
    }

    /** Whether sync attempts are failing (the segment is then shown as abnormal). */
    public ReadOnlyBooleanProperty syncAbnormalProperty() {
        return syncAbnormal.getReadOnlyProperty();
    }

    /** Local time {@code HH:mm:ss}. */
    public ReadOnlyStringProperty clockTextProperty() {
        return clockText.getReadOnlyProperty();
    }

    /** Reads the counters, the clock and the connection state. FX thread. */
    public void refresh() {
        long now = services.clock().millis();
        onConnectionState(services.source().state());
        long received = services.pipeline().messagesReceived();
        set(rateText, "Messages " + TelemetryFormat.rate(rate.update(received, now)));
        set(acceptedText, "Accepted " + TelemetryFormat.count(services.hub().acceptedSamples()));
        long bad = services.hub().diagnostics().bad();
        long dropped = services.hub().diagnostics().count(BadCause.QUEUE_FULL);
        set(badText, "Bad " + TelemetryFormat.count(bad));
        set(droppedText, "Dropped " + TelemetryFormat.count(dropped));
        anyBad.set(bad > 0);
        anyDropped.set(dropped > 0);
        java.util.Optional<SyncStatus> sync = services.sync().map(SyncEngine::status); // never blocks
        set(syncText, SyncViewModel.statusBarText(sync));
        syncAbnormal.set(SyncViewModel.statusBarAbnormal(sync));
        set(clockText, format.time(now));
    }

    /** Shows a connection state reported by the source (the value is re-read from the source). FX thread. */
    public void onConnectionState(ConnectionState reported) {
        ConnectionState state = reported == null ? ConnectionState.CONNECTING : reported;
        boolean lost = isLost(state);
        if (lost && !bannerVisible.get()) {
            lostSinceMillis = services.clock().millis();
        }
        connection.set(state);
        set(connectionText, "Broker " + stateWord(state));
        bannerVisible.set(lost);
        if (lost) {
            String error = services.source().lastError();
            String cause = error == null || error.isBlank() ? "No error reported" : "Last error: " + error.strip();
            set(bannerDetail, cause + " · since " + format.time(lostSinceMillis)
                    + " · live values are stale until the broker is back");
        } else {
            set(bannerDetail, "");
        }
    }

    /** Whether a state means the broker is lost (banner shown). */
    public static boolean isLost(ConnectionState s) {
        return s == ConnectionState.RECONNECTING || s == ConnectionState.DISCONNECTED;
    }

    static String stateWord(ConnectionState s) {
        return switch (s) {
            case CONNECTING -> "connecting…";
            case CONNECTED -> "connected";
            case RECONNECTING -> "reconnecting…";
            case DISCONNECTED -> "disconnected";
        };
    }

    private static void set(ReadOnlyStringWrapper p, String v) {
        if (!v.equals(p.get())) {
            p.set(v);
        }
    }
}
