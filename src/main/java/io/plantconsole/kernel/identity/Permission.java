package io.plantconsole.kernel.identity;

/** A command someone may or may not run; {@link Permissions} maps each to the roles that may. */
public enum Permission {
    VIEW_DASHBOARDS("view the dashboards"),
    CREATE_INTAKE_LOT("register intake lots"),
    CREATE_TICKET("raise maintenance tickets"),
    ACKNOWLEDGE_ALARM("acknowledge alarms"),
    SHELVE_ALARM("shelve alarms"),
    OVERRIDE_THRESHOLD("override alarm thresholds"),
    VIEW_TRACEABILITY("view lot traceability"),
    GRADE_LOT("grade lots"),
    QA_RELEASE("release or hold lots"),
    VIEW_AUDIT_LOG("view the audit log"),
    EXPORT_AUDIT_LOG("export the audit log"),
    VERIFY_AUDIT_CHAIN("verify the audit chain"),
    SYNC_NOW("start a sync"),
    RESOLVE_SYNC_CONFLICT("resolve sync conflicts"),
    MANAGE_USERS("manage user accounts"),
    CONFIGURE_CONSOLE("change the console's configuration");

    private final String description;

    Permission(String description) {
        this.description = description;
    }

    /** The command in words, completing "You may not …". */
    public String description() {
        return description;
    }
}
