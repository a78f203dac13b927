package io.plantconsole.kernel.tx;

import java.util.UUID;
import java.util.function.Function;

/**
 * Runs work in one durable local transaction, so that a feature's row and the outbox row that carries it to the
 * centre are committed together or not at all.
 *
 * <p>Blocks on local disk I/O (a commit waits for the disk): call it from a background thread, never from the
 * FX thread. Transactions from different threads run one after another.
 */
public interface LocalTransactions {

    /**
     * Runs {@code work} in a transaction and commits it; if {@code work} throws, rolls everything back and
     * rethrows. The {@link LocalTx} is valid only inside {@code work}, on the calling thread.
     *
     * @throws LocalStoreException when the store cannot commit (disk full, read-only, corrupt, I/O error)
     */
    <T> T inTransaction(Function<LocalTx, T> work);

    /** The open transaction handed to {@link #inTransaction}. Use it only on the thread that received it. */
    interface LocalTx {

        /**
         * Runs one SQL write (insert, update, delete, DDL) with positional {@code ?} parameters and returns the
         * number of rows changed. For repositories in {@code infra.db}; services call repositories instead.
         */
        int update(String sql, Object... params);

        /**
         * Adds an outbox entry for a record written in this transaction and returns the entry's id.
         *
         * @param recordType    what kind of record, e.g. {@code "batch"}
         * @param recordId      the record's UUIDv7 key
         * @param recordVersion the version just written
         * @param payloadJson   the record as JSON
         */
        UUID enqueue(String recordType, UUID recordId, long recordVersion, String payloadJson);

        /**
         * The underlying technology object (for the SQLite store: {@code java.sql.Connection}) for repositories
         * in {@code infra.db} that need more than {@link #update}. Do not commit, roll back or close it.
         *
         * @throws IllegalArgumentException when the transaction cannot be viewed as {@code type}
         */
        <T> T unwrap(Class<T> type);
    }
}
