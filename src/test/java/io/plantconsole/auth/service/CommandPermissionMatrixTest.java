package io.plantconsole.auth.service;

import io.plantconsole.kernel.identity.Authorizer;
import io.plantconsole.kernel.identity.AccessDeniedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Permissions;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.model.SignatureMeaning;
import io.plantconsole.auth.service.SignatureService.SignedRecord;
import io.plantconsole.testing.AuthFixture;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service command × every role: allowed exactly when the permission table says so, refused in the service (not
 * only in the view) with a message naming the roles that may, and a refused command changes nothing.
 */
class CommandPermissionMatrixTest {
    @TempDir
    Path dir;

    record Command(String name, Permission permission, BiConsumer<AuthFixture, UUID> run) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> commands() {
        Command[] commands = {
            new Command("list users", Permission.MANAGE_USERS, (f, target) -> f.admin.list()),
            new Command("create user", Permission.MANAGE_USERS,
                    (f, target) -> f.admin.create("newbie", "New Person", Role.OPERATOR)),
            new Command("change role", Permission.MANAGE_USERS,
                    (f, target) -> f.admin.changeRole(target, Role.SUPERVISOR, "promotion")),
            new Command("disable user", Permission.MANAGE_USERS,
                    (f, target) -> f.admin.disable(target, "left")),
            new Command("enable user", Permission.MANAGE_USERS, (f, target) -> f.admin.enable(target, "back")),
            new Command("reset password", Permission.MANAGE_USERS,
                    (f, target) -> f.admin.resetPassword(target, "forgot it")),
            new Command("unlock user", Permission.MANAGE_USERS, (f, target) -> f.admin.unlock(target, "help desk")),
            new Command("sign QA release", Permission.QA_RELEASE, (f, target) -> f.signatures.signWithPassword(
                    Permission.QA_RELEASE, new SignedRecord("lot", "L-1", "{\"grade\":\"I\"}"),
                    SignatureMeaning.APPROVAL, "grade I confirmed", AuthFixture.PASSWORD.toCharArray(), tx -> { })),
            new Command("sign override", Permission.OVERRIDE_THRESHOLD, (f, target) -> f.signatures.signWithPassword(
                    Permission.OVERRIDE_THRESHOLD, new SignedRecord("alarm_limit", "R1-TT-01.HH", "{\"limit\":150}"),
                    SignatureMeaning.RESPONSIBILITY, "sensor recalibrated", AuthFixture.PASSWORD.toCharArray(),
                    tx -> { })),
            new Command("sign shelve", Permission.SHELVE_ALARM, (f, target) -> f.signatures.signWithPassword(
                    Permission.SHELVE_ALARM, new SignedRecord("alarm", "R1-TT-01", "{\"shelved_for\":\"PT1H\"}"),
                    SignatureMeaning.RESPONSIBILITY, "known chattering", AuthFixture.PASSWORD.toCharArray(),
                    tx -> { })),
        };
        return Stream.of(commands).flatMap(c -> Stream.of(Role.values()).map(r -> Arguments.of(c, r)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("commands")
    void commandIsAllowedExactlyForTheRolesOfItsPermission(Command command, Role role) {
        try (AuthFixture f = new AuthFixture(dir)) {
            f.signedIn("target", Role.OPERATOR);
            UUID target = f.login.current().userId();
            f.signedIn("actor", role);
            Session actor = f.login.current();
            f.actingAs = actor;
            int eventsBefore = f.auditStore.find(AuditQuery.latest(10_000)).size();
            if (Permissions.allows(role, command.permission())) {
                command.run().accept(f, target);
            } else {
                assertThatThrownBy(() -> command.run().accept(f, target))
                        .isInstanceOf(AccessDeniedException.class)
                        .hasMessageContaining("may not " + command.permission().description());
                assertThat(f.auditStore.find(AuditQuery.latest(10_000))).hasSize(eventsBefore);
            }
        }
    }
}
