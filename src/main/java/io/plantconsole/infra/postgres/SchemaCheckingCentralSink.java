package io.plantconsole.infra.postgres;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.service.CentralSink;
import io.plantconsole.sync.service.CentralSyncException;
import java.util.List;
import java.util.Objects;

/**
 * A {@link CentralSink} that checks the central schema before its first batch, so start-up never waits for the centre.
 * A failed check is a failed attempt: the sync worker retries it with its backoff, and the next batch checks again.
 *
 * <p>At a site ({@link #checking}) the console's login only CHECKS: a schema older than this console is an ERROR
 * ("the central schema is at version N, this console needs M: ask the DBA to run --migrate-central"), a newer one too
 * ("update the console"); the console never migrates with its own login. In the demo ({@link #migrating}) the demo
 * centre's owner, the demo's DBA, migrates an older schema first.
 *
 * <p>Before the first batch the console's own login is checked too ({@link CentralDatabase#verifyLeastPrivilege()}):
 * a superuser, the owner of a central table, or a login holding UPDATE, DELETE or TRUNCATE on the audit trail is
 * an ERROR in words and nothing is synced.
 *
 * <p>Threading: called on the {@code sync} thread only; blocks on the network.
 */
public final class SchemaCheckingCentralSink implements CentralSink {
    private final CentralDatabase console;
    private final CentralDatabase owner; // null: check only
    private final CentralSink delegate;
    private boolean schemaReady; // sync thread only

    private SchemaCheckingCentralSink(CentralDatabase console, CentralDatabase owner, CentralSink delegate) {
        this.console = Objects.requireNonNull(console, "console");
        this.owner = owner;
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** A site's sink: the console's login checks the schema version and never migrates. */
    public static SchemaCheckingCentralSink checking(CentralDatabase console, CentralSink delegate) {
        return new SchemaCheckingCentralSink(console, null, delegate);
    }

    /** The demo's sink: {@code owner} (the demo centre's own DBA login) migrates, then {@code console} is checked. */
    public static SchemaCheckingCentralSink migrating(CentralDatabase owner, CentralDatabase console,
            CentralSink delegate) {
        return new SchemaCheckingCentralSink(console, Objects.requireNonNull(owner, "owner"), delegate);
    }

    @Override
    public List<SyncOutcome> apply(List<OutboxEntry> batch) {
        if (!schemaReady) {
            try {
                if (owner != null) {
                    owner.migrate(); // refuses a newer central schema before migrating an older one
                }
                console.verifyLeastPrivilege(); // before anything is written as it
                console.verifySchema(false);
            } catch (CentralDatabaseException e) {
                throw new CentralSyncException(e.category() == CentralErrors.Category.UNREACHABLE
                        ? CentralSyncException.Kind.OFFLINE : CentralSyncException.Kind.ERROR, e.getMessage(), e);
            }
            schemaReady = true;
        }
        return delegate.apply(batch);
    }
}
