package io.plantconsole.kernel.identity;

import static io.plantconsole.kernel.identity.Role.ADMIN;
import static io.plantconsole.kernel.identity.Role.OPERATOR;
import static io.plantconsole.kernel.identity.Role.QA_MANAGER;
import static io.plantconsole.kernel.identity.Role.SUPERVISOR;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one permission table (DESIGN.md "Who uses it"): which roles may run which command. Services check it in every
 * command; views ask it to disable what the person may not do and to say why.
 */
public final class Permissions {
    private static final Map<Permission, Set<Role>> TABLE = new EnumMap<>(Permission.class);

    static {
        Set<Role> everyone = EnumSet.allOf(Role.class);
        TABLE.put(Permission.VIEW_DASHBOARDS, everyone);
        TABLE.put(Permission.CREATE_INTAKE_LOT, everyone);
        TABLE.put(Permission.CREATE_TICKET, everyone);
        TABLE.put(Permission.SYNC_NOW, everyone);
        TABLE.put(Permission.ACKNOWLEDGE_ALARM, EnumSet.of(SUPERVISOR, ADMIN));
        TABLE.put(Permission.SHELVE_ALARM, EnumSet.of(SUPERVISOR, ADMIN));
        TABLE.put(Permission.OVERRIDE_THRESHOLD, EnumSet.of(SUPERVISOR, ADMIN));
        TABLE.put(Permission.VIEW_TRACEABILITY, EnumSet.of(QA_MANAGER, ADMIN));
        TABLE.put(Permission.GRADE_LOT, EnumSet.of(QA_MANAGER, ADMIN));
        TABLE.put(Permission.QA_RELEASE, EnumSet.of(QA_MANAGER, ADMIN));
        TABLE.put(Permission.VIEW_AUDIT_LOG, EnumSet.of(QA_MANAGER, ADMIN));
        TABLE.put(Permission.EXPORT_AUDIT_LOG, EnumSet.of(QA_MANAGER, ADMIN));
        TABLE.put(Permission.VERIFY_AUDIT_CHAIN, EnumSet.of(QA_MANAGER, ADMIN));
        TABLE.put(Permission.RESOLVE_SYNC_CONFLICT, EnumSet.of(SUPERVISOR, QA_MANAGER, ADMIN));
        TABLE.put(Permission.MANAGE_USERS, EnumSet.of(ADMIN));
        TABLE.put(Permission.CONFIGURE_CONSOLE, EnumSet.of(ADMIN));
        for (Permission p : Permission.values()) {
            if (!TABLE.containsKey(p)) {
                throw new IllegalStateException("permission without roles: " + p);
            }
        }
    }

    private Permissions() {
    }

    public static boolean allows(Role role, Permission permission) {
        return role != null && TABLE.get(permission).contains(role);
    }

    /** The roles that may run {@code permission}. */
    public static Set<Role> rolesFor(Permission permission) {
        return Set.copyOf(TABLE.get(permission));
    }

    /** Why {@code role} may not run {@code permission}, in words for a tooltip; empty when it may. */
    public static Optional<String> whyNot(Role role, Permission permission) {
        if (allows(role, permission)) {
            return Optional.empty();
        }
        java.util.List<String> names = TABLE.get(permission).stream().sorted().map(Role::displayName).toList();
        String who = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        String article = "AEIOU".indexOf(role == null ? 'X' : role.displayName().charAt(0)) >= 0 ? "An " : "A ";
        return Optional.of((role == null ? "Sign in to " : article + role.displayName() + " may not ")
                + permission.description() + ": this needs the role " + who + ".");
    }
}
