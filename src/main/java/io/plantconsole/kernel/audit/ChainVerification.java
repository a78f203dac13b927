package io.plantconsole.kernel.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * The result of checking one console's audit chain: on its own (local store, central copy), or against its anchor,
 * the centre's append-only copy ({@link Problem#DIVERGED} and after; ADR 0018).
 *
 * @param source      where the chain was read ("local store", "central database")
 * @param consoleId   whose chain
 * @param checked     events checked up to (not including) the first break, or all of them
 * @param headHash    hash of the last good event ({@link AuditEvent#GENESIS} when none)
 * @param brokenAtSeq position of the first broken link, or 0 when the chain is intact
 * @param problem     what is wrong there, or {@code null} when intact
 * @param eventId     the event where the break was seen (after a gap: the first event after it), or {@code null}
 * @param detail      the break in words; when intact, {@code null} or a note (e.g. how far the centre anchors it)
 */
public record ChainVerification(String source, String consoleId, long checked, String headHash, long brokenAtSeq,
        Problem problem, UUID eventId, String detail) {

    public enum Problem {
        /** The event's content no longer matches its hash. */
        ALTERED,
        /** One or more events before this one were removed. */
        MISSING,
        /** An event that was never written by the console was put into the chain. */
        INSERTED,
        /** The event sits at another position than the one it was written at. */
        REORDERED,
        /** The local event differs from the copy the centre received at that position (rewritten and rehashed). */
        DIVERGED,
        /** The centre holds events the local chain lacks: it was rewound, or its newest events were removed. */
        TRUNCATED,
        /** The centre holds another chain for this console: its local store was deleted or replaced. */
        RESTARTED,
        /** The centre refused events of this console's chain (a fork, a rewritten prefix, a new chain). */
        REFUSED
    }

    public ChainVerification {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(consoleId, "consoleId");
        Objects.requireNonNull(headHash, "headHash");
    }

    public boolean intact() {
        return problem == null;
    }

    /** One line for the audit view, the log and the command line. */
    public String summary() {
        if (intact()) {
            return String.format("Audit chain of console %s in the %s is intact: %d events, head %s…", consoleId,
                    source, checked, headHash.substring(0, 12)) + (detail == null ? "" : ". " + detail);
        }
        return String.format("Audit chain of console %s in the %s is BROKEN at event %d (%s): %s", consoleId, source,
                brokenAtSeq, problem, detail);
    }
}
