package io.plantconsole.auth.service;

import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The accounts in the local store; every method runs inside the caller's transaction. */
public interface UserStore {

    Optional<UserAccount> byUsername(LocalTx tx, String username);

    Optional<UserAccount> byId(LocalTx tx, UUID id);

    Optional<UserAccount> bySsoSubject(LocalTx tx, String ssoSubject);

    /** Every account, disabled ones included, by user name. */
    List<UserAccount> all(LocalTx tx);

    void insert(LocalTx tx, UserAccount account);

    /** Writes every field of the account with this id. */
    void update(LocalTx tx, UserAccount account);
}
