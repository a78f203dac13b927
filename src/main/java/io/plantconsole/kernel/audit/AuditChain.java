package io.plantconsole.kernel.audit;

import io.plantconsole.kernel.audit.ChainVerification.Problem;
import io.plantconsole.kernel.util.Progress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The hash chain of audit events: computes an event's hash and checks a chain for the first broken link.
 *
 * <p>What a chain without a secret proves: an event changed, removed, put in or moved in SQL is found, unless the one
 * who changed it also recomputed every later hash. The append-only central copy closes that gap for everything
 * already synced: verify both and compare their heads.
 */
public final class AuditChain {
    /** How far from its position the verifier looks for the position an event was written at. */
    private static final int SEARCH_WINDOW = 64;

    private AuditChain() {
    }

    /** SHA-256, hex, over the event's canonical form (every field but the hash). Any thread. */
    public static String hashOf(AuditEvent event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(event.canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** {@code event} with its hash filled in. */
    public static AuditEvent sealed(AuditEvent event) {
        return event.withHash(hashOf(event));
    }

    /**
     * Checks one console's events, read in {@code seq} order, and reports the first broken link.
     *
     * @param source    where they were read, for the report
     * @param consoleId whose chain
     * @param events    every event of that console, sorted by {@code seq}
     */
    public static ChainVerification verify(String source, String consoleId, List<AuditEvent> events) {
        return verify(source, consoleId, events, Progress.NONE);
    }

    /**
     * As {@link #verify(String, String, List)}, telling {@code progress} how many events are checked and stopping
     * with a {@link java.util.concurrent.CancellationException} when it is cancelled.
     */
    public static ChainVerification verify(String source, String consoleId, List<AuditEvent> events,
            Progress progress) {
        Map<String, Integer> indexByHash = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            indexByHash.putIfAbsent(events.get(i).hash(), i);
        }
        String head = AuditEvent.GENESIS;
        long expectedSeq = 1;
        for (int i = 0; i < events.size(); i++) {
            if (i % 256 == 0) {
                progress.checkCancelled();
            }
            progress.step("Verifying event", i + 1L, events.size(), 256);
            AuditEvent e = events.get(i);
            Problem problem = null;
            String detail = null;
            if (!e.consoleId().equals(consoleId)) {
                problem = Problem.INSERTED;
                detail = "the event names console " + e.consoleId();
            } else if (e.seq() > expectedSeq) {
                problem = Problem.MISSING;
                detail = e.seq() == expectedSeq + 1 ? "event " + expectedSeq + " is missing"
                        : "events " + expectedSeq + " to " + (e.seq() - 1) + " are missing";
            } else if (e.seq() < expectedSeq) {
                problem = Problem.INSERTED;
                detail = "a second event claims position " + e.seq();
            } else if (!hashOf(e).equals(e.hash())) {
                long writtenAt = positionWrittenAt(e);
                if (writtenAt == 0) {
                    problem = Problem.ALTERED;
                    detail = "the content of event " + e.id() + " (" + e.action() + " " + e.resourceType()
                            + ") no longer matches its hash";
                } else if (writtenAt == e.seq() - 1 && i >= 2 && e.prevHash().equals(events.get(i - 2).hash())) {
                    problem = Problem.INSERTED;
                    detail = "event " + (e.seq() - 1) + " was put in before event " + e.id()
                            + ", which was written at position " + writtenAt;
                } else {
                    problem = Problem.REORDERED;
                    detail = "event " + e.id() + " was written at position " + writtenAt + ", not " + e.seq();
                }
            } else if (!e.prevHash().equals(head)) {
                Integer linked = indexByHash.get(e.prevHash());
                if (linked != null && linked < i - 1) {
                    problem = Problem.INSERTED;
                    detail = "event " + (e.seq() - 1) + " was put in: event " + e.seq()
                            + " follows event " + events.get(linked).seq();
                } else if (linked != null) {
                    problem = Problem.REORDERED;
                    detail = "event " + e.seq() + " follows event " + events.get(linked).seq()
                            + ", which comes later";
                } else {
                    problem = Problem.MISSING;
                    detail = "the event that event " + e.seq() + " follows is not in the chain";
                }
            }
            if (problem != null) {
                // a gap breaks the chain where the first missing event should be
                long at = problem == Problem.MISSING && e.seq() > expectedSeq ? expectedSeq : e.seq();
                return new ChainVerification(source, consoleId, i, head, at, problem, e.id(), detail);
            }
            head = e.hash();
            expectedSeq = e.seq() + 1;
        }
        return new ChainVerification(source, consoleId, events.size(), head, 0, null, null, null);
    }

    /** The position whose hash this event carries, near its own; 0 when none matches (its content changed). */
    private static long positionWrittenAt(AuditEvent e) {
        for (long d = 1; d <= SEARCH_WINDOW; d++) {
            for (long s : new long[] {e.seq() - d, e.seq() + d}) {
                if (s >= 1 && hashOf(withSeq(e, s)).equals(e.hash())) {
                    return s;
                }
            }
        }
        return 0;
    }

    private static AuditEvent withSeq(AuditEvent e, long seq) {
        return new AuditEvent(e.id(), e.consoleId(), seq, e.occurredAt(), e.userId(), e.role(), e.action(),
                e.resourceType(), e.resourceId(), e.oldValue(), e.newValue(), e.reason(), e.workstation(), e.ipHash(),
                e.prevHash(), e.hash());
    }
}
