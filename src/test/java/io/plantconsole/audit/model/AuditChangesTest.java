package io.plantconsole.audit.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.kernel.audit.AuditEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Change lines are formatted once, here, for the screen and the exports. */
class AuditChangesTest {

    private static AuditEvent event(Map<String, String> old, Map<String, String> neu) {
        return new AuditEvent(UUID.randomUUID(), "c", 5, Instant.EPOCH, "u", "ADMIN", "UPDATE", "user_account", "x",
                old, neu, "promoted", "ws", null, "0".repeat(64), "a".repeat(64));
    }

    @Test
    void anUpdateReadsFieldOldArrowNewInFieldOrderWithAbsentSidesNamed() {
        AuditEvent e = event(Map.of("role", "OPERATOR", "shift", "night"), Map.of("role", "SUPERVISOR",
                "status", "ACTIVE"));
        assertThat(AuditChanges.lines(e)).containsExactly("role: OPERATOR → SUPERVISOR", "shift: night → (absent)",
                "status: (absent) → ACTIVE");
        assertThat(AuditChanges.of(e)).first().satisfies(c -> {
            assertThat(c.field()).isEqualTo("role");
            assertThat(c.value()).isEqualTo("OPERATOR → SUPERVISOR");
        });
        assertThat(AuditChanges.oneLine(e)).isEqualTo("role: OPERATOR → SUPERVISOR; shift: night → (absent);"
                + " status: (absent) → ACTIVE");
    }

    @Test
    void aCreatedRecordShowsOnlyTheNewValuesAndNullsAsADash() {
        Map<String, String> neu = new HashMap<>();
        neu.put("username", "quinn");
        neu.put("lockedUntil", null);
        assertThat(AuditChanges.lines(event(null, neu))).containsExactly("lockedUntil: —", "username: quinn");
        Map<String, String> old = new HashMap<>();
        old.put("lockedUntil", "2026-11-25T10:10:00Z");
        assertThat(AuditChanges.lines(event(old, neu))).containsExactly("lockedUntil: 2026-11-25T10:10:00Z → —",
                "username: (absent) → quinn");
    }

    @Test
    void anEventWithoutValuesHasNoChanges() {
        assertThat(AuditChanges.lines(event(null, null))).isEmpty();
        assertThat(AuditChanges.oneLine(event(null, null))).isEmpty();
    }
}
