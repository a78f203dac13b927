package io.plantconsole.app.ui;

/** The screens of the shell's navigation, in menu order. Only screens that exist are listed. */
public enum Screen {
    OVERVIEW("Overview", "Tiles per area", "/fxml/telemetry/Overview.fxml"),
    TRENDS("Trends", "Live and historic pens", "/fxml/telemetry/Trends.fxml"),
    DIAGNOSTICS("Diagnostics", "Ingest and channel counters", "/fxml/telemetry/Diagnostics.fxml"),
    SYNC("Sync", "Outbox and central database", "/fxml/sync/Sync.fxml");

    private final String title;
    private final String hint;
    private final String fxml;

    Screen(String title, String hint, String fxml) {
        this.title = title;
        this.hint = hint;
        this.fxml = fxml;
    }

    /** Navigation label. */
    public String title() {
        return title;
    }

    /** Tooltip of the navigation entry. */
    public String hint() {
        return hint;
    }

    /** Classpath resource of the screen's FXML. */
    public String fxml() {
        return fxml;
    }
}
