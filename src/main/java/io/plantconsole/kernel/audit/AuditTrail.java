package io.plantconsole.kernel.audit;

import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes audit events: each in the transaction of the change it records, chained to this console's previous event,
 * and queued for the centre in the same transaction (outbox record type {@value #RECORD_TYPE}).
 *
 * <p>Called inside {@code LocalTransactions.inTransaction}, so on a background thread. The local store runs one
 * transaction at a time, so reading the chain's head and appending cannot interleave.
 */
public final class AuditTrail {
    /** The outbox record type of audit events; the central sink inserts them into {@code audit_event}. */
    public static final String RECORD_TYPE = "audit_event";

    private final AuditLog store;
    private final Clock clock;
    private final UuidV7 ids;
    private final String consoleId;
    private final String workstation;
    private final String ipHash;

    /**
     * @param consoleId   this console's chain
     * @param workstation host name recorded with every event
     * @param ipHash      salted hash of the workstation's address, or {@code null}
     */
    public AuditTrail(AuditLog store, Clock clock, UuidV7 ids, String consoleId, String workstation, String ipHash) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.consoleId = Objects.requireNonNull(consoleId, "consoleId");
        this.workstation = Objects.requireNonNull(workstation, "workstation");
        this.ipHash = ipHash;
    }

    /** Records {@code entry} inside {@code tx} and returns the sealed event. */
    public AuditEvent record(LocalTx tx, AuditEntry entry) {
        Optional<AuditEvent> head = store.head(tx, consoleId);
        AuditEvent event = AuditChain.sealed(new AuditEvent(ids.next(), consoleId,
                head.map(h -> h.seq() + 1).orElse(1L), clock.instant(), entry.userId(), entry.role(), entry.action().name(),
                entry.resourceType(), entry.resourceId(), entry.oldValue(), entry.newValue(), entry.reason(),
                workstation, ipHash, head.map(AuditEvent::hash).orElse(AuditEvent.GENESIS), "pending"));
        store.append(tx, event);
        tx.enqueue(RECORD_TYPE, event.id(), 1, event.toPayloadJson());
        return event;
    }

    public String consoleId() {
        return consoleId;
    }

}
