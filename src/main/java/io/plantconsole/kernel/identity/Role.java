package io.plantconsole.kernel.identity;

/** What a person may do at the console (DESIGN.md "Who uses it"); {@link Permissions} says exactly what each may do. */
public enum Role {
    /** Watches trends and tiles; registers intake lots and maintenance tickets. */
    OPERATOR("Operator"),
    /** Answers alarms: acknowledge, shelve, override thresholds. */
    SUPERVISOR("Supervisor"),
    /** Grades, releases and holds lots; reads the audit log. */
    QA_MANAGER("QA Manager"),
    /** Runs the consoles: everything, user management included. */
    ADMIN("Admin");

    private final String displayName;

    Role(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
