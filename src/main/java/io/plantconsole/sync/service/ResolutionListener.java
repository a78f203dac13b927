package io.plantconsole.sync.service;

import io.plantconsole.kernel.tx.LocalTransactions;

import io.plantconsole.sync.model.ConflictResolution;

/**
 * <b>Audit hook</b> for conflict resolutions: called inside the resolution's local transaction, after the outbox
 * and the feature's copy were changed and before the commit, so that an audit event written through {@code tx}
 * commits together with the change (or not at all). Throwing rolls the resolution back. Runs on the resolving
 * background thread; must not block on anything but {@code tx}.
 *
 * <p>The audit module will register one here (actor = the logged-in user); today only the log records resolutions.
 */
@FunctionalInterface
public interface ResolutionListener {

    void resolved(LocalTransactions.LocalTx tx, ConflictResolution resolution);
}
