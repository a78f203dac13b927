package io.plantconsole.auth.service;

import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;

/**
 * The change a signature approves, applied by {@link SignatureService} inside the transaction that stores the
 * signature: both commit together or neither does. A feature's service supplies it; views only pass it on.
 */
@FunctionalInterface
public interface SignedChange {

    /** Writes the signed change (its rows, audit event and outbox entry) inside {@code tx}. */
    void applyIn(LocalTx tx);
}
