package io.plantconsole.infra.db;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Child process of {@link LocalStoreCrashIT}: opens the store in {@code args[0]}, then writes {@code args[1]}
 * outbox entries, one transaction each, printing {@code COMMITTED <id>} after each commit returns.
 */
public final class CrashWriterMain {
    static final String READY = "READY";
    static final String COMMITTED = "COMMITTED ";

    private CrashWriterMain() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        try (LocalStore store = LocalStore.open(dataDir)) {
            System.out.println(READY);
            System.out.flush();
            for (int i = 0; i < count; i++) {
                int n = i;
                UUID id = store.inTransaction(tx -> tx.enqueue("batch", UUID.randomUUID(), 1, "{\"n\":" + n + "}"));
                System.out.println(COMMITTED + id);
                System.out.flush();
            }
        }
    }
}
