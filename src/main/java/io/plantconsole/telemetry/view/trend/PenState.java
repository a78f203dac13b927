package io.plantconsole.telemetry.view.trend;

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
