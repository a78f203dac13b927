package io.plantconsole.audit.service;

import io.plantconsole.audit.model.CentralAuditCopy;
import io.plantconsole.kernel.audit.AuditEvent;
import java.util.List;

/** The centre's append-only copy of the audit chains. Blocks on the network: background threads only. */
public interface CentralAuditChain {

    /** Every event of {@code consoleId} the centre holds, in {@code seq} order. */
    List<AuditEvent> chain(String consoleId);

    /**
     * The centre's copy of {@code consoleId}'s chain with what the centre knows about it: when each event arrived,
     * the registry rows of the chain and of this console's client id, and the flags raised (ADR 0018). A centre that
     * keeps none of that answers with the events alone.
     */
    default CentralAuditCopy copy(String consoleId) {
        return CentralAuditCopy.of(chain(consoleId));
    }
}
