package io.plantconsole.kernel;

import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.tx.LocalTransactions;
import io.plantconsole.kernel.util.UuidV7;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What every feature's wiring gets from the kernel (ADR 0014): time, ids, the local transaction seam (with its
 * outbox), the audit trail, and the console's data folder.
 *
 * @param clock        the injected clock (UTC instants; its zone is the display zone)
 * @param ids          time-ordered record ids
 * @param transactions one local transaction for a change, its audit event and its outbox entry
 * @param audit        writes the hash-chained audit event of every state change
 * @param dataDir      the console's data folder (local store, exports)
 * @param keyedHash    this console's keyed hash, for text that must not be stored as typed
 */
public record KernelServices(Clock clock, UuidV7 ids, LocalTransactions transactions, AuditTrail audit,
        Path dataDir, java.util.function.UnaryOperator<String> keyedHash) {
    public KernelServices {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(keyedHash, "keyedHash");
    }

    /** Where exports (CSV, PNG, PDF) go. */
    public Path exportDir() {
        return dataDir.resolve("exports");
    }
}
