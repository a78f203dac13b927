package io.plantconsole.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.kernel.audit.ChainVerification.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verifier against each kind of tampering, on chains built in memory. */
class AuditChainTest {
    private static final String CONSOLE = "c1";

    private static List<AuditEvent> chain(int n) {
        List<AuditEvent> events = new ArrayList<>();
        String prev = AuditEvent.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEvent e = AuditChain.sealed(event(i, prev, "reason " + i));
            events.add(e);
            prev = e.hash();
        }
        return events;
    }

    private static AuditEvent event(long seq, String prev, String reason) {
        return new AuditEvent(new UUID(1, seq), CONSOLE, seq, Instant.parse("2026-11-26T08:00:00.123456789Z")
                .plusSeconds(seq), "u" + seq, "ADMIN", AuditAction.UPDATE.name(), "user_account", "r" + seq,
                Map.of("role", "OPERATOR"), Map.of("role", "SUPERVISOR", "note", "ä \"q\" \n"), reason, "ws", "ip",
                prev, "-");
    }

    private static AuditEvent withSeq(AuditEvent e, long seq) {
        return new AuditEvent(e.id(), e.consoleId(), seq, e.occurredAt(), e.userId(), e.role(), e.action(),
                e.resourceType(), e.resourceId(), e.oldValue(), e.newValue(), e.reason(), e.workstation(), e.ipHash(),
                e.prevHash(), e.hash());
    }

    @Test
    void intactChainVerifies() {
        List<AuditEvent> events = chain(20);
        ChainVerification v = AuditChain.verify("test", CONSOLE, events);
        assertThat(v.intact()).isTrue();
        assertThat(v.checked()).isEqualTo(20);
        assertThat(v.headHash()).isEqualTo(events.get(19).hash());
        assertThat(v.summary()).contains("intact", "20 events");
    }

    @Test
    void verifyingReportsHowFarItIsAndStopsWhenCancelled() {
        List<AuditEvent> events = chain(600);
        List<String> said = new ArrayList<>();
        ChainVerification v = AuditChain.verify("test", CONSOLE, events, new io.plantconsole.kernel.util.Progress() {
            @Override
            public void update(double fraction, String words) {
                said.add(words);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });
        assertThat(v.intact()).isTrue();
        assertThat(said).containsExactly("Verifying event 256 of 600", "Verifying event 512 of 600",
                "Verifying event 600 of 600");

        int[] asked = {0};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditChain.verify("test", CONSOLE, events,
                new io.plantconsole.kernel.util.Progress() {
                    @Override
                    public void update(double fraction, String words) {
                    }

                    @Override
                    public boolean isCancelled() {
                        return ++asked[0] > 1;
                    }
                })).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(asked[0]).as("checked between steps, not once per event").isEqualTo(2);
    }

    @Test
    void emptyChainIsIntact() {
        assertThat(AuditChain.verify("test", CONSOLE, List.of()).intact()).isTrue();
    }

    @Test
    void hashCoversEveryField() {
        AuditEvent e = chain(1).get(0);
        assertThat(AuditChain.hashOf(e)).isEqualTo(e.hash()).hasSize(64);
        assertThat(e.occurredAtText()).isEqualTo("2026-11-26T08:00:01.123456Z");
        // each field changed on its own, the stored hash left as it was: every change must give another hash
        java.util.Map<String, AuditEvent> variants = new java.util.LinkedHashMap<>();
        variants.put("id", copy(e, 0, new UUID(9, 9)));
        variants.put("consoleId", copy(e, 1, "console-other"));
        variants.put("seq", copy(e, 2, 2L));
        variants.put("occurredAt", copy(e, 3, e.occurredAt().plusNanos(1_000)));
        variants.put("userId", copy(e, 4, "someone-else"));
        variants.put("role", copy(e, 5, "OPERATOR"));
        variants.put("action", copy(e, 6, AuditAction.CREATE.name()));
        variants.put("resourceType", copy(e, 7, "lot"));
        variants.put("resourceId", copy(e, 8, "r-other"));
        variants.put("oldValue", copy(e, 9, Map.of("role", "ADMIN")));
        variants.put("newValue", copy(e, 10, Map.of("role", "ADMIN")));
        variants.put("reason", copy(e, 11, "another reason"));
        variants.put("workstation", copy(e, 12, "ws-2"));
        variants.put("ipHash", copy(e, 13, "ip-2"));
        variants.put("prevHash", copy(e, 14, "f".repeat(64)));
        assertThat(variants).hasSize(15);
        variants.forEach((field, changed) -> assertThat(AuditChain.hashOf(changed)).as(field)
                .isNotEqualTo(e.hash()));
        assertThat(variants.values().stream().map(AuditChain::hashOf).distinct()).hasSize(15);
    }

    /** {@code e} with its field number {@code index} (record order) replaced by {@code value}. */
    private static AuditEvent copy(AuditEvent e, int index, Object value) {
        Object[] f = {e.id(), e.consoleId(), e.seq(), e.occurredAt(), e.userId(), e.role(), e.action(),
            e.resourceType(), e.resourceId(), e.oldValue(), e.newValue(), e.reason(), e.workstation(), e.ipHash(),
            e.prevHash(), e.hash()};
        f[index] = value;
        @SuppressWarnings("unchecked")
        AuditEvent out = new AuditEvent((UUID) f[0], (String) f[1], (Long) f[2], (Instant) f[3], (String) f[4],
                (String) f[5], (String) f[6], (String) f[7], (String) f[8], (Map<String, String>) f[9],
                (Map<String, String>) f[10], (String) f[11], (String) f[12], (String) f[13], (String) f[14],
                (String) f[15]);
        return out;
    }

    @Test
    void alteredContentIsFound() {
        List<AuditEvent> events = chain(10);
        AuditEvent e = events.get(4);
        events.set(4, new AuditEvent(e.id(), e.consoleId(), e.seq(), e.occurredAt(), e.userId(), e.role(), e.action(),
                e.resourceType(), e.resourceId(), e.oldValue(), e.newValue(), "nothing to see", e.workstation(),
                e.ipHash(), e.prevHash(), e.hash()));
        ChainVerification v = AuditChain.verify("test", CONSOLE, events);
        assertThat(v.problem()).isEqualTo(Problem.ALTERED);
        assertThat(v.brokenAtSeq()).isEqualTo(5);
        assertThat(v.checked()).isEqualTo(4);
        assertThat(v.summary()).contains("BROKEN at event 5");
    }

    @Test
    void deletedEventIsFound() {
        List<AuditEvent> events = chain(10);
        events.remove(6);
        ChainVerification v = AuditChain.verify("test", CONSOLE, events);
        assertThat(v.problem()).isEqualTo(Problem.MISSING);
        assertThat(v.brokenAtSeq()).isEqualTo(7);
        assertThat(v.detail()).contains("event 7 is missing");
    }

    @Test
    void deletedEventWithLaterOnesRenumberedIsFound() {
        List<AuditEvent> events = chain(10);
        events.remove(6);
        for (int i = 6; i < events.size(); i++) {
            events.set(i, withSeq(events.get(i), i + 1));
        }
        ChainVerification v = AuditChain.verify("test", CONSOLE, events);
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenAtSeq()).isEqualTo(7);
    }

    @Test
    void insertedEventIsFound() {
        List<AuditEvent> events = chain(10);
        // a forged event at position 4, correctly hashed and linked to event 3; the later ones renumbered
        AuditEvent forged = AuditChain.sealed(event(4, events.get(2).hash(), "forged"));
        List<AuditEvent> tampered = new ArrayList<>(events.subList(0, 3));
        tampered.add(forged);
        for (int i = 3; i < events.size(); i++) {
            tampered.add(withSeq(events.get(i), i + 2));
        }
        ChainVerification v = AuditChain.verify("test", CONSOLE, tampered);
        assertThat(v.problem()).isEqualTo(Problem.INSERTED);
        assertThat(v.brokenAtSeq()).isEqualTo(5);
    }

    @Test
    void insertedEventWithoutRenumberingIsFound() {
        List<AuditEvent> events = chain(10);
        AuditEvent forged = AuditChain.sealed(event(5, events.get(3).hash(), "forged"));
        events.add(5, forged); // a second event 5
        ChainVerification v = AuditChain.verify("test", CONSOLE, events);
        assertThat(v.problem()).isEqualTo(Problem.INSERTED);
        assertThat(v.brokenAtSeq()).isEqualTo(5);
    }

    @Test
    void swappedEventsAreFound() {
        List<AuditEvent> events = chain(10);
        AuditEvent a = events.get(3);
        AuditEvent b = events.get(4);
        events.set(3, withSeq(b, 4));
        events.set(4, withSeq(a, 5));
        ChainVerification v = AuditChain.verify("test", CONSOLE, events);
        assertThat(v.problem()).isEqualTo(Problem.REORDERED);
        assertThat(v.brokenAtSeq()).isEqualTo(4);
        assertThat(v.detail()).contains("written at position 5");
    }

    @Test
    void eventOfAnotherConsoleIsFound() {
        List<AuditEvent> events = chain(3);
        AuditEvent e = events.get(1);
        events.set(1, AuditChain.sealed(new AuditEvent(e.id(), "c2", 2, e.occurredAt(), e.userId(), e.role(),
                e.action(), e.resourceType(), e.resourceId(), null, null, null, "ws", null, e.prevHash(), "-")));
        assertThat(AuditChain.verify("test", CONSOLE, events).problem()).isEqualTo(Problem.INSERTED);
    }
}
