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
         * Adds an outbox entry for a change written in this transaction and returns the entry's id.
         *
         * <p>{@code baseVersion} is the version of the record this change was made on: the version the console held
         * before writing {@code recordVersion}; 0 for a new record. The centre applies the entry only while it still
         * holds exactly that version, so a change made on a version another console has since replaced is refused as
         * a conflict, never written over it; later entries of the same record wait behind that conflict.
         *
         * @param recordType    what kind of record, e.g. {@code "batch"}
         * @param recordId      the record's UUIDv7 key
         * @param baseVersion   the version the change was made on, {@code 0 <= baseVersion < recordVersion}
         * @param recordVersion the version just written
         * @param payloadJson   the record as JSON
         * @throws IllegalArgumentException when the versions are not {@code 0 <= baseVersion < recordVersion}
         */
        UUID enqueue(String recordType, UUID recordId, long baseVersion, long recordVersion, String payloadJson);

        /**
         * Adds an outbox entry for a new record ({@code recordVersion} 1) or for a change made on the version just
         * before {@code recordVersion} (the caller read version n - 1 and wrote n): the base version is
         * {@code recordVersion - 1}. A caller whose version does not follow the one it read must name the base with
         * {@link #enqueue(String, UUID, long, long, String)}.
         *
         * @throws IllegalArgumentException when {@code recordVersion < 1}
         */
        default UUID enqueue(String recordType, UUID recordId, long recordVersion, String payloadJson) {
            return enqueue(recordType, recordId, recordVersion - 1, recordVersion, payloadJson);
        }

        /**
         * The underlying technology object (for the SQLite store: {@code java.sql.Connection}) for repositories
         * in {@code infra.db} that need more than {@link #update}. Do not commit, roll back or close it.
         *
         * @throws IllegalArgumentException when the transaction cannot be viewed as {@code type}
         */
        <T> T unwrap(Class<T> type);
    }
}
