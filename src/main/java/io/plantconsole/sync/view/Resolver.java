package io.plantconsole.sync.view;

import io.plantconsole.sync.model.ConflictComparison;
import io.plantconsole.sync.model.ConflictResolution;
import io.plantconsole.sync.model.SyncConflict;
import io.plantconsole.sync.service.ConflictResolver;
import java.util.Objects;

/**
 * What the Sync screen needs for resolving conflicts; {@link ConflictResolver} in the console. Every method blocks
 * (the centre, the local store): the screen's task lane only.
 */
public interface Resolver {
    ConflictComparison compare(SyncConflict conflict);

    ConflictResolution takeCentral(SyncConflict conflict);

    ConflictResolution reapply(SyncConflict conflict);

    static Resolver of(ConflictResolver r) {
        Objects.requireNonNull(r, "resolver");
        return new Resolver() {
            @Override
            public ConflictComparison compare(SyncConflict conflict) {
                return r.compare(conflict);
            }

            @Override
            public ConflictResolution takeCentral(SyncConflict conflict) {
                return r.takeCentral(conflict);
            }

            @Override
            public ConflictResolution reapply(SyncConflict conflict) {
                return r.reapply(conflict);
            }
        };
    }
}
