package io.plantconsole.audit.service;

import io.plantconsole.kernel.audit.AuditEvent;
import java.util.List;

/** The centre's append-only copy of the audit chains. Blocks on the network: background threads only. */
public interface CentralAuditChain {

    /** Every event of {@code consoleId} the centre holds, in {@code seq} order. */
    List<AuditEvent> chain(String consoleId);
}
