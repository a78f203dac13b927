package io.plantconsole.kernel.audit;

import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import java.util.Optional;

/**
 * The write side of the console's audit store: what {@link AuditTrail} needs to extend the chain. Every method runs
 * inside the caller's local transaction, so on a background thread.
 */
public interface AuditLog {

    /** The newest event of {@code consoleId}'s chain as seen inside {@code tx}, or empty for a new chain. */
    Optional<AuditEvent> head(LocalTx tx, String consoleId);

    /** Appends an event inside {@code tx} (the transaction of the change it records). */
    void append(LocalTx tx, AuditEvent event);
}
