package io.plantconsole.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.model.SsoIdentity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleMappingTest {

    private final RoleMapping mapping = new RoleMapping(new LinkedHashMap<>(Map.of(
            "plant-operators", Role.OPERATOR, "shift-leads", Role.SUPERVISOR, "qa", Role.QA_MANAGER,
            "it-console-admins", Role.ADMIN)));

    private static SsoIdentity person(String name, Set<String> groups) {
        return new SsoIdentity("https://idp.plant", "s-1", name, null, groups, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aPersonGetsTheHighestRoleOfTheirMappedGroups() {
        assertThat(mapping.roleFor(person("Ann", Set.of("plant-operators", "qa", "canteen"))))
                .isEqualTo(Role.QA_MANAGER);
        assertThat(mapping.roleFor(person("Ben", Set.of("it-console-admins", "plant-operators"))))
                .isEqualTo(Role.ADMIN);
        assertThat(mapping.highestRole(Set.of("shift-leads"))).contains(Role.SUPERVISOR);
    }

    @Test
    void groupNamesMatchExactly() {
        assertThat(mapping.highestRole(Set.of("QA", "Plant-Operators", "qa "))).isEmpty();
    }

    @Test
    void aPersonWithoutAMappedGroupIsRefusedNamingTheirGroups() {
        SsoException e = catchThrowableOfType(() -> mapping.roleFor(person("Cleo", Set.of("visitors", "canteen"))),
                SsoException.class);
        assertThat(e.reason()).isEqualTo(SsoException.Reason.NO_ROLE);
        assertThat(e.getMessage()).startsWith("You are signed in as Cleo (s-1), but none of your groups (canteen,"
                + " visitors) has a role at this console.");
    }

    @Test
    void aPersonWithNoGroupsAtAllIsToldSo() {
        SsoException e = catchThrowableOfType(() -> mapping.roleFor(person("s-1", Set.of())), SsoException.class);
        assertThat(e.reason()).isEqualTo(SsoException.Reason.NO_ROLE);
        assertThat(e.getMessage()).startsWith("You are signed in as s-1, but the identity provider sent no groups");
    }
}
