package io.plantconsole.app.env;

import io.plantconsole.audit.service.CentralAuditChain;
import io.plantconsole.sync.service.CentralRecords;
import io.plantconsole.sync.service.CentralSink;
import java.util.Objects;
import java.util.Optional;

/**
 * The central database as the features see it: where the outbox drains to, where conflicts are compared, and the
 * centre's copy of the audit chain.
 *
 * @param sink       takes the outbox's batches
 * @param records    the centre's current records, for conflict resolution; empty where they cannot be read
 * @param auditChain the centre's copy of this console's audit chain
 */
public record Centre(CentralSink sink, Optional<CentralRecords> records, CentralAuditChain auditChain) {
    public Centre {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(auditChain, "auditChain");
    }
}
