package io.plantconsole.sync.service;

import io.plantconsole.sync.model.CentralRecord;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads records as the central database holds them now (the read side of {@link CentralSink}).
 *
 * <p>Blocks on network I/O: call it from the {@code sync} thread or another background thread, never from the FX
 * thread.
 */
public interface CentralRecords {

    /**
     * The centre's current version of a record; empty when the centre does not hold it.
     *
     * @throws CentralSyncException when the centre cannot be reached or answers with an error (message in words)
     */
    Optional<CentralRecord> current(String recordType, UUID recordId);
}
