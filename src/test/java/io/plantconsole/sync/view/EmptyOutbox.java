package io.plantconsole.sync.view;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.service.Outbox;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/** An outbox with nothing pending, for UI tests that do not sync. */
public final class EmptyOutbox implements Outbox {
    @Override
    public List<OutboxEntry> pending(int max) {
        return List.of();
    }

    @Override
    public void markSynced(Collection<UUID> entryIds) {
    }

    @Override
    public long pendingCount() {
        return 0;
    }

    @Override
    public OptionalLong oldestPendingMillis() {
        return OptionalLong.empty();
    }

    @Override
    public boolean remove(io.plantconsole.kernel.tx.LocalTransactions.LocalTx tx, UUID entryId) {
        return false;
    }

    @Override
    public List<OutboxEntry> pendingOf(io.plantconsole.kernel.tx.LocalTransactions.LocalTx tx, String type, UUID id) {
        return List.of();
    }
}
