package io.plantconsole.infra.postgres;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.service.CentralSink;
import io.plantconsole.sync.service.CentralSyncException;
import java.util.List;
import java.util.Objects;

/**
 * A {@link CentralSink} that checks and migrates the central schema ({@link CentralDatabase#migrate()}, which refuses
 * a schema newer than this console) before its first batch, so start-up never waits for the centre. A failed
 * check is a failed attempt: the sync worker retries it with its backoff, and the next batch checks again.
 *
 * <p>Threading: called on the {@code sync} thread only; blocks on the network.
 */
public final class SchemaCheckingCentralSink implements CentralSink {
    private final CentralDatabase database;
    private final CentralSink delegate;
    private boolean schemaReady; // sync thread only

    public SchemaCheckingCentralSink(CentralDatabase database, CentralSink delegate) {
        this.database = Objects.requireNonNull(database, "database");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public List<SyncOutcome> apply(List<OutboxEntry> batch) {
        if (!schemaReady) {
            try {
                database.migrate(); // refuses a newer central schema before migrating an older one
            } catch (CentralDatabaseException e) {
                throw new CentralSyncException(e.category() == CentralErrors.Category.UNREACHABLE
                        ? CentralSyncException.Kind.OFFLINE : CentralSyncException.Kind.ERROR, e.getMessage(), e);
            }
            schemaReady = true;
        }
        return delegate.apply(batch);
    }
}
