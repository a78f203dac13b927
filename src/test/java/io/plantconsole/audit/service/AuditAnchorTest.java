package io.plantconsole.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.audit.model.AnchorVerification;
import io.plantconsole.audit.model.CentralAuditCopy;
import io.plantconsole.audit.model.CentralAuditCopy.Flag;
import io.plantconsole.audit.model.CentralAuditCopy.Registration;
import io.plantconsole.kernel.audit.AuditChain;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The local chain against the centre's copy, without a database: what is anchored, and each way it is not. */
class AuditAnchorTest {
    private static final String CONSOLE = "console-1";
    private static final String ORIGIN = "client-1";
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    /** A chain of {@code n} events, each linked to the one before. */
    private static List<AuditEvent> chain(int n) {
        List<AuditEvent> out = new ArrayList<>();
        String prev = AuditEvent.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEvent e = AuditChain.sealed(new AuditEvent(new UUID(1, i), CONSOLE, i, T0.plusSeconds(i), "u1",
                    "ADMIN", "UPDATE", "lot", "L" + i, null, Map.of("n", Integer.toString(i)), "reason " + i, "ws-1",
                    null, prev, "-"));
            out.add(e);
            prev = e.hash();
        }
        return out;
    }

    /** {@code events} with event {@code seq}'s reason changed and every hash from there recomputed. */
    private static List<AuditEvent> rewritten(List<AuditEvent> events, long seq, String reason) {
        List<AuditEvent> out = new ArrayList<>(events.subList(0, (int) seq - 1));
        String prev = seq == 1 ? AuditEvent.GENESIS : out.get(out.size() - 1).hash();
        for (AuditEvent e : events.subList((int) seq - 1, events.size())) {
            AuditEvent r = AuditChain.sealed(new AuditEvent(e.id(), e.consoleId(), e.seq(), e.occurredAt(), e.userId(),
                    e.role(), e.action(), e.resourceType(), e.resourceId(), e.oldValue(), e.newValue(),
                    e.seq() == seq ? reason : e.reason(), e.workstation(), e.ipHash(), prev, "-"));
            out.add(r);
            prev = r.hash();
        }
        return out;
    }

    private static CentralAuditCopy centre(List<AuditEvent> events, List<Registration> registrations,
            List<Flag> flags) {
        Map<Long, Instant> received = new HashMap<>();
        events.forEach(e -> received.put(e.seq(), T0.plusSeconds(3600 + e.seq())));
        return new CentralAuditCopy(ORIGIN, events, received, registrations, flags, true);
    }

    private static CentralAuditCopy centre(List<AuditEvent> events) {
        return centre(events, List.of(registration(CONSOLE, events.size(), null)), List.of());
    }

    private static Registration registration(String console, long head, Instant retired) {
        return new Registration(console, ORIGIN, "ws-1", T0, T0, T0.plusSeconds(7200), head, "h", retired,
                retired == null ? null : "dba", retired == null ? null : "disk replaced");
    }

    @Test
    void aCentralCopyThatIsAPrefixAnchorsTheChainAndTheTailIsCounted() {
        List<AuditEvent> local = chain(10);
        AnchorVerification a = AuditAnchor.compare(CONSOLE, local, centre(local.subList(0, 7)));
        assertThat(a.anchored()).isTrue();
        assertThat(a.anchoredEvents()).isEqualTo(7);
        assertThat(a.unsyncedEvents()).isEqualTo(3);
        assertThat(a.summary()).isEqualTo("Audit chain of console console-1 in the local store against the central copy"
                + " is intact: 10 events, head " + local.get(9).hash().substring(0, 12) + "…. Anchored: the centre's"
                + " copy (7 events, the last received on 2026-11-27 09:00:07 UTC) matches the local chain hash for"
                + " hash; 3 events after it not yet synced");
    }

    @Test
    void nothingAtTheCentreYetIsNotAnchoredButNotBroken() {
        AnchorVerification a = AuditAnchor.compare(CONSOLE, chain(2), CentralAuditCopy.of(List.of()));
        assertThat(a.anchored()).isTrue();
        assertThat(a.verdict().detail()).isEqualTo("Not anchored yet: the centre holds no event of this chain; 2 events"
                + " not yet synced");
    }

    @Test
    void rewritingAndRehashingOneEventIsADivergenceAtThatEventInWords() {
        List<AuditEvent> original = chain(6);
        List<AuditEvent> local = rewritten(original, 6, "nothing happened");
        AnchorVerification a = AuditAnchor.compare(CONSOLE, local, centre(original));
        assertThat(a.local().intact()).as("consistent with itself").isTrue();
        assertThat(a.anchored()).isFalse();
        assertThat(a.verdict().problem()).isEqualTo(Problem.DIVERGED);
        assertThat(a.verdict().brokenAtSeq()).isEqualTo(6);
        assertThat(a.verdict().eventId()).isEqualTo(local.get(5).id());
        assertThat(a.verdict().detail()).isEqualTo("local event 6 differs from the copy the centre received on"
                + " 2026-11-27 09:00:06 UTC: reason 'nothing happened' here, 'reason 6' at the centre");
        assertThat(a.verdict().checked()).isEqualTo(5);
        assertThat(a.verdict().headHash()).isEqualTo(original.get(4).hash());
    }

    @Test
    void rewritingAndRehashingAWholeTailIsADivergenceAtItsFirstEvent() {
        List<AuditEvent> original = chain(12);
        List<AuditEvent> local = new ArrayList<>(rewritten(original, 4, "nothing happened"));
        AnchorVerification a = AuditAnchor.compare(CONSOLE, local, centre(original.subList(0, 9)));
        assertThat(a.local().intact()).isTrue();
        assertThat(a.verdict().problem()).isEqualTo(Problem.DIVERGED);
        assertThat(a.verdict().brokenAtSeq()).isEqualTo(4);
        assertThat(a.summary()).contains("BROKEN at event 4 (DIVERGED): local event 4 differs from the copy the centre"
                + " received on 2026-11-27 09:00:04 UTC");
    }

    @Test
    void anEventChangedInSqlWithoutItsHashDivergesToo() {
        List<AuditEvent> original = chain(5);
        List<AuditEvent> local = new ArrayList<>(original);
        AuditEvent e = original.get(2);
        local.set(2, new AuditEvent(e.id(), e.consoleId(), e.seq(), e.occurredAt(), "someone-else", e.role(),
                e.action(), e.resourceType(), e.resourceId(), e.oldValue(), e.newValue(), e.reason(), e.workstation(),
                e.ipHash(), e.prevHash(), e.hash()));
        AnchorVerification a = AuditAnchor.compare(CONSOLE, local, centre(original));
        assertThat(a.verdict().problem()).isEqualTo(Problem.DIVERGED);
        assertThat(a.verdict().detail()).contains("user 'someone-else' here, 'u1' at the centre");
    }

    @Test
    void aLocalChainShorterThanTheCentresWasRewoundOrTruncated() {
        List<AuditEvent> original = chain(9);
        AnchorVerification a = AuditAnchor.compare(CONSOLE, original.subList(0, 6), centre(original));
        assertThat(a.local().intact()).isTrue();
        assertThat(a.verdict().problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(a.verdict().brokenAtSeq()).isEqualTo(7);
        assertThat(a.verdict().detail()).isEqualTo("the centre received events 7 to 9 of this chain (the last on"
                + " 2026-11-27 09:00:09 UTC) that the local store lacks: the local chain was rewound, or its newest"
                + " events were removed");
    }

    @Test
    void aRewoundChainThatWroteOnIsAnotherEventAtTheCentresPosition() {
        List<AuditEvent> original = chain(5);
        List<AuditEvent> local = new ArrayList<>(original.subList(0, 3));
        AuditEvent other = AuditChain.sealed(new AuditEvent(new UUID(2, 4), CONSOLE, 4, T0.plusSeconds(99), "u2",
                "ADMIN", "LOGIN", "user_account", "u2", null, null, null, "ws-1", null, local.get(2).hash(), "-"));
        local.add(other);
        AnchorVerification a = AuditAnchor.compare(CONSOLE, local, centre(original));
        assertThat(a.verdict().problem()).isEqualTo(Problem.DIVERGED);
        assertThat(a.verdict().detail()).startsWith("local event 4 differs from the copy the centre received on"
                + " 2026-11-27 09:00:04 UTC: it is another event (LOGIN user_account at");
    }

    @Test
    void aNewChainWhereTheCentreHoldsAnotherForThisClientIdIsARestart() {
        List<AuditEvent> old = chain(40);
        List<AuditEvent> fresh = new ArrayList<>();
        String prev = AuditEvent.GENESIS;
        for (int i = 1; i <= 3; i++) {
            AuditEvent e = AuditChain.sealed(new AuditEvent(new UUID(3, i), "console-new", i, T0.plusSeconds(9000 + i),
                    null, null, "CREATE", "user_account", null, null, null, null, "ws-1", null, prev, "-"));
            fresh.add(e);
            prev = e.hash();
        }
        CentralAuditCopy c = new CentralAuditCopy(ORIGIN, List.of(), Map.of(),
                List.of(registration(CONSOLE, old.size(), null)), List.of(), true);
        AnchorVerification a = AuditAnchor.compare("console-new", fresh, c);
        assertThat(a.verdict().problem()).isEqualTo(Problem.RESTARTED);
        assertThat(a.verdict().brokenAtSeq()).isEqualTo(1);
        assertThat(a.verdict().detail()).isEqualTo("this console's audit chain restarted: the centre holds chain"
                + " console-1 for its client id client-1 (40 events since 2026-11-27 08:00:00 UTC, last received on"
                + " 2026-11-27 10:00:00 UTC), but the local store holds another chain, console-new (3 events since"
                + " 2026-11-27 10:30:01 UTC): the local store was deleted or replaced. The centre refuses the new chain"
                + " until an administrator re-registers the client id");

        // once re-registered, the old chain is a note
        CentralAuditCopy after = new CentralAuditCopy(ORIGIN, fresh, Map.of(), List.of(
                registration(CONSOLE, old.size(), T0.plusSeconds(9500)),
                new Registration("console-new", ORIGIN, "ws-1", T0, T0, T0, 3, "h", null, null, null)), List.of(),
                true);
        AnchorVerification b = AuditAnchor.compare("console-new", fresh, after);
        assertThat(b.anchored()).isTrue();
        assertThat(b.notes()).containsExactly("client id client-1 held chain console-1 (40 events) until 2026-11-27"
                + " 10:38:20 UTC, re-registered by dba: disk replaced");
    }

    @Test
    void anEventOfThisConsoleTheCentreRefusedLeavesTheChainUnanchored() {
        List<AuditEvent> local = chain(5);
        Flag refused = new Flag(ORIGIN, CONSOLE, "BROKEN_LINK", 5, local.get(4).id(), "broken audit chain: …",
                T0.plusSeconds(5000), T0.plusSeconds(6000), 7);
        AnchorVerification a = AuditAnchor.compare(CONSOLE, local, centre(local.subList(0, 4),
                List.of(registration(CONSOLE, 4, null)), List.of(refused)));
        assertThat(a.verdict().problem()).isEqualTo(Problem.REFUSED);
        assertThat(a.verdict().brokenAtSeq()).isEqualTo(5);
        assertThat(a.verdict().detail()).isEqualTo("the centre refused event 5 of this console (BROKEN_LINK, first on"
                + " 2026-11-27 09:23:20 UTC, 7 attempts): broken audit chain: …");
    }

    @Test
    void anotherConsolesAttemptOnThisChainIsANoteNotABreak() {
        List<AuditEvent> local = chain(3);
        Flag foreign = new Flag("client-2", CONSOLE, "FOREIGN", 4, new UUID(9, 9), "foreign audit chain: …",
                T0.plusSeconds(60), T0.plusSeconds(60), 1);
        AnchorVerification a = AuditAnchor.compare(CONSOLE, local, centre(local,
                List.of(registration(CONSOLE, 3, null)), List.of(foreign)));
        assertThat(a.anchored()).isTrue();
        assertThat(a.notes()).containsExactly("another console (client id client-2) tried to write event 4 of this chain"
                + " on 2026-11-27 08:01:00 UTC; the centre refused it (FOREIGN): foreign audit chain: …");
        assertThat(a.lines()).singleElement().asString().endsWith("Flagged at the centre: another console (client id"
                + " client-2) tried to write event 4 of this chain on 2026-11-27 08:01:00 UTC; the centre refused it"
                + " (FOREIGN): foreign audit chain: …");
    }

    @Test
    void aBrokenCentralCopyOrABrokenLocalTailIsReportedWhereItIs() {
        List<AuditEvent> local = chain(6);
        List<AuditEvent> central = new ArrayList<>(local.subList(0, 4));
        central.remove(1);
        AnchorVerification a = AuditAnchor.compare(CONSOLE, local, centre(central));
        assertThat(a.verdict()).isSameAs(a.central());
        assertThat(a.verdict().problem()).isEqualTo(Problem.MISSING);

        List<AuditEvent> brokenTail = new ArrayList<>(local);
        brokenTail.remove(4);
        AnchorVerification b = AuditAnchor.compare(CONSOLE, brokenTail, centre(local.subList(0, 3)));
        assertThat(b.verdict()).isSameAs(b.local());
        assertThat(b.verdict().brokenAtSeq()).isEqualTo(5);
    }
}
