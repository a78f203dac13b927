package io.plantconsole.audit.model;

import io.plantconsole.kernel.audit.ChainVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * This console's audit chain checked against its anchor, the centre's append-only copy (ADR 0018).
 *
 * @param verdict        the one-line result: intact (anchored; its detail says how far) or the first problem, which
 *                       is the local or central chain's own break, or a {@code DIVERGED}, {@code TRUNCATED},
 *                       {@code RESTARTED} or {@code REFUSED} chain
 * @param local          the local chain checked on its own
 * @param central        the centre's copy checked on its own
 * @param anchoredEvents how many local events the centre's copy confirms, hash for hash (0 when not anchored)
 * @param unsyncedEvents the local events after the centre's copy (the unsynced tail), when anchored
 * @param notes          what the centre flagged without breaking this chain (another console writing into it, a
 *                       retired earlier chain of this client id, a second chain on this workstation); an anchored
 *                       verdict's detail ends with them, so that every view that shows the verdict shows them
 */
public record AnchorVerification(ChainVerification verdict, ChainVerification local, ChainVerification central,
        long anchoredEvents, long unsyncedEvents, List<String> notes) {

    public AnchorVerification {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(central, "central");
        notes = List.copyOf(notes);
    }

    /** Whether the centre's copy is a prefix of the local chain, both are intact and nothing was refused. */
    public boolean anchored() {
        return verdict.intact();
    }

    /** The verdict in one line. */
    public String summary() {
        return verdict.summary();
    }

    /**
     * The verdict and the notes, one per line, for the command line and the self-test (an anchored verdict's detail
     * carries the notes already).
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(verdict.summary());
        if (!anchored()) {
            for (String n : notes) {
                out.add("Note: " + n);
            }
        }
        return out;
    }
}
