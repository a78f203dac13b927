package io.plantconsole.audit.service;

import io.plantconsole.audit.model.AuditEvent;
import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.sync.service.LocalTransactions.LocalTx;
import java.util.List;
import java.util.Optional;

/**
 * Where the console keeps its audit events. Every method blocks on disk: background threads only.
 */
public interface AuditStore {

    /** The newest event of {@code consoleId}'s chain as seen inside {@code tx}, or empty for a new chain. */
    Optional<AuditEvent> head(LocalTx tx, String consoleId);

    /** Appends an event inside {@code tx} (the transaction of the change it records). */
    void append(LocalTx tx, AuditEvent event);

    /** The whole chain of {@code consoleId}, in {@code seq} order, as stored (for the verifier). */
    List<AuditEvent> chain(String consoleId);

    /** Events matching {@code query}, newest first. */
    List<AuditEvent> find(AuditQuery query);
}
