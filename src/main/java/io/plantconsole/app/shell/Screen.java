package io.plantconsole.app.shell;

import io.plantconsole.kernel.identity.Permission;

/** The screens of the shell's navigation, in menu order. Only screens that exist are listed. */
public enum Screen {
    OVERVIEW("Overview", "Tiles per area", "/fxml/telemetry/Overview.fxml", Permission.VIEW_DASHBOARDS),
    TRENDS("Trends", "Live and historic pens", "/fxml/telemetry/Trends.fxml", Permission.VIEW_DASHBOARDS),
    DIAGNOSTICS("Diagnostics", "Ingest and channel counters", "/fxml/telemetry/Diagnostics.fxml",
            Permission.VIEW_DASHBOARDS),
    SYNC("Sync", "Outbox and central database", "/fxml/sync/Sync.fxml", Permission.VIEW_DASHBOARDS),
    AUDIT("Audit", "Audit trail, chain verification, export", "/fxml/audit/Audit.fxml", Permission.VIEW_AUDIT_LOG),
    USERS("Users", "Accounts, roles and lockouts", "/fxml/auth/Users.fxml", Permission.MANAGE_USERS);

    private final String title;
    private final String hint;
    private final String fxml;
    private final Permission permission;

    Screen(String title, String hint, String fxml, Permission permission) {
        this.title = title;
        this.hint = hint;
        this.fxml = fxml;
        this.permission = permission;
    }

    /** What the signed-in role needs to open the screen; the navigation disables it otherwise and says why. */
    public Permission permission() {
        return permission;
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
