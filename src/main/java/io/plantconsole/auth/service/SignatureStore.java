package io.plantconsole.auth.service;

import io.plantconsole.auth.model.ElectronicSignature;
import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import java.util.List;

/** Signatures in the local store; every method runs inside the caller's transaction. */
public interface SignatureStore {

    void insert(LocalTx tx, ElectronicSignature signature);

    /** The signatures of one record, oldest first. */
    List<ElectronicSignature> forRecord(LocalTx tx, String resourceType, String resourceId);
}
