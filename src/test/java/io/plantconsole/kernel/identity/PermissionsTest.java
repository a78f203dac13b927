package io.plantconsole.kernel.identity;

import static io.plantconsole.kernel.identity.Role.ADMIN;
import static io.plantconsole.kernel.identity.Role.OPERATOR;
import static io.plantconsole.kernel.identity.Role.QA_MANAGER;
import static io.plantconsole.kernel.identity.Role.SUPERVISOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The permission table against DESIGN.md's role table, written out again here by hand, cell by cell. */
class PermissionsTest {

    private static final Map<Permission, Set<Role>> EXPECTED = Map.ofEntries(
            Map.entry(Permission.VIEW_DASHBOARDS, EnumSet.allOf(Role.class)),
            Map.entry(Permission.CREATE_INTAKE_LOT, EnumSet.allOf(Role.class)),
            Map.entry(Permission.CREATE_TICKET, EnumSet.allOf(Role.class)),
            Map.entry(Permission.SYNC_NOW, EnumSet.allOf(Role.class)),
            Map.entry(Permission.ACKNOWLEDGE_ALARM, EnumSet.of(SUPERVISOR, ADMIN)),
            Map.entry(Permission.SHELVE_ALARM, EnumSet.of(SUPERVISOR, ADMIN)),
            Map.entry(Permission.OVERRIDE_THRESHOLD, EnumSet.of(SUPERVISOR, ADMIN)),
            Map.entry(Permission.VIEW_TRACEABILITY, EnumSet.of(QA_MANAGER, ADMIN)),
            Map.entry(Permission.GRADE_LOT, EnumSet.of(QA_MANAGER, ADMIN)),
            Map.entry(Permission.QA_RELEASE, EnumSet.of(QA_MANAGER, ADMIN)),
            Map.entry(Permission.VIEW_AUDIT_LOG, EnumSet.of(QA_MANAGER, ADMIN)),
            Map.entry(Permission.EXPORT_AUDIT_LOG, EnumSet.of(QA_MANAGER, ADMIN)),
            Map.entry(Permission.VERIFY_AUDIT_CHAIN, EnumSet.of(QA_MANAGER, ADMIN)),
            Map.entry(Permission.RESOLVE_SYNC_CONFLICT, EnumSet.of(SUPERVISOR, QA_MANAGER, ADMIN)),
            Map.entry(Permission.MANAGE_USERS, EnumSet.of(ADMIN)),
            Map.entry(Permission.CONFIGURE_CONSOLE, EnumSet.of(ADMIN)));

    @Test
    void everyPermissionIsInTheExpectedTable() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Permission.values());
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void eachCellMatches(Permission p) {
        for (Role r : Role.values()) {
            assertThat(Permissions.allows(r, p)).as("%s may %s", r, p).isEqualTo(EXPECTED.get(p).contains(r));
            assertThat(Permissions.whyNot(r, p).isEmpty()).isEqualTo(EXPECTED.get(p).contains(r));
        }
        assertThat(Permissions.allows(null, p)).isFalse();
    }

    @Test
    void whyNotNamesTheRolesThatMay() {
        assertThat(Permissions.whyNot(OPERATOR, Permission.ACKNOWLEDGE_ALARM)).hasValue(
                "An Operator may not acknowledge alarms: this needs the role Supervisor or Admin.");
        assertThat(Permissions.whyNot(null, Permission.VIEW_AUDIT_LOG).orElseThrow())
                .startsWith("Sign in to view the audit log");
    }

    @Test
    void onlyAdminManagesUsers() {
        assertThat(Permissions.rolesFor(Permission.MANAGE_USERS)).containsExactly(ADMIN);
    }
}
