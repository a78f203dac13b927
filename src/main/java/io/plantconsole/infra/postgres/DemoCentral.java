package io.plantconsole.infra.postgres;

import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.service.CentralSink;
import io.plantconsole.sync.service.CentralSyncException;
import io.plantconsole.kernel.tx.LocalTransactions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode's central database: starts {@link DemoCentralServer} on its own thread ({@code demo-central}; the first
 * start runs initdb, about 2 s) and is the sync worker's {@link CentralSink} at once. Until the server is up a batch
 * fails as OFFLINE "{@value #STARTING}"; if it cannot start (as root), as ERROR with the reason, so the Sync screen
 * and the status bar say why through the usual {@code SyncStatus}. Once up, batches go through the same
 * {@link SchemaCheckingCentralSink} as in site mode: the superuser migrates on the first batch, the console writes as
 * {@value DemoCentralServer#CONSOLE_ROLE}, which owns nothing.
 *
 * <p>Each demo start also records a {@code demo_session} in the outbox, so the demo has something to sync.
 */
public final class DemoCentral implements CentralSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCentral.class);
    static final String STARTING = "demo central database starting…";
    static final String RECORD_TYPE = "demo_session";

    /** Where the demo central database is. */
    public enum Phase { STARTING, RUNNING, UNAVAILABLE }

    /**
     * A snapshot.
     *
     * @param phase       starting, running or unavailable
     * @param message     why it is unavailable, or where it runs; never a password
     * @param rootRefused unavailable because the console runs as root
     * @param startupTime how long the server took to start; zero until it has
     */
    public record State(Phase phase, String message, boolean rootRefused, Duration startupTime) {
    }

    private final Path dataDir;
    private final String origin;
    private final LocalTransactions local;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile State state = new State(Phase.STARTING, STARTING, false, Duration.ZERO);
    private volatile CentralSink delegate; // set once by the demo-central thread
    private DemoCentralServer server; // guarded by lock
    private CentralDatabase owner; // guarded by lock
    private CentralDatabase console; // guarded by lock
    private boolean closed; // guarded by lock
    private Thread thread;

    public DemoCentral(Path dataDir, String origin, LocalTransactions local, Clock clock) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.local = Objects.requireNonNull(local, "local");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts the server in the background; {@code onReady} runs on that thread once batches can reach it. */
    public void start(Runnable onReady) {
        thread = new Thread(() -> run(onReady), "demo-central");
        thread.setDaemon(true);
        thread.start();
    }

    public State state() {
        return state;
    }

    /** The console's pool at the demo centre, once the server runs. */
    public Optional<CentralDatabase> consoleDatabase() {
        synchronized (lock) {
            return Optional.ofNullable(console);
        }
    }

    private void run(Runnable onReady) {
        recordSession();
        DemoCentralServer s;
        try {
            s = DemoCentralServer.start(dataDir);
        } catch (DemoCentralServer.StartException e) {
            boolean root = e.failure() == DemoCentralServer.Failure.ROOT;
            state = new State(Phase.UNAVAILABLE, e.getMessage(), root, Duration.ZERO);
            if (root) {
                LOG.warn("{}; the console runs without sync", e.getMessage());
            } else {
                LOG.error("{}; the console runs without sync", e.getMessage(), e);
            }
            onReady.run(); // the worker reports the reason at once instead of after its backoff
            return;
        }
        synchronized (lock) {
            if (closed) {
                s.close();
                return;
            }
            server = s;
            owner = CentralDatabase.open(s.ownerSettings());
            console = CentralDatabase.open(s.consoleSettings());
            delegate = SchemaCheckingCentralSink.migrating(owner, console, new PostgresCentralSink(console, origin));
        }
        state = new State(Phase.RUNNING, "PostgreSQL on 127.0.0.1:" + s.port() + ", database "
                + DemoCentralServer.DATABASE + ", in " + s.folder(), false, s.startupTime());
        LOG.info("Demo central database ready after {} ms ({})", s.startupTime().toMillis(),
                s.created() ? "first start: initdb" : "existing data");
        onReady.run();
    }

    /** One outbox entry per demo start: which workstation started the demo, and when. */
    private void recordSession() {
        try {
            UuidV7 ids = UuidV7.systemDefault();
            String json = "{\"workstation\":\"" + origin.replaceAll("[^A-Za-z0-9._-]", "-") + "\",\"started_at\":\""
                    + clock.instant() + "\"}";
            local.inTransaction(tx -> tx.enqueue(RECORD_TYPE, ids.next(), 1, json));
        } catch (RuntimeException e) {
            LOG.warn("Could not record the demo session in the outbox: {}", e.toString());
        }
    }

    /** Called on the {@code sync} thread. */
    @Override
    public List<SyncOutcome> apply(List<OutboxEntry> batch) {
        CentralSink d = delegate;
        if (d != null) {
            return d.apply(batch);
        }
        State s = state;
        if (s.phase() == Phase.UNAVAILABLE) {
            throw new CentralSyncException(CentralSyncException.Kind.ERROR, s.message(), null);
        }
        throw new CentralSyncException(CentralSyncException.Kind.OFFLINE, STARTING, null);
    }

    /** Stops the server after the sync worker (closed first by the context); waits for a start under way. */
    @Override
    public void close() {
        Thread t = thread;
        if (t != null && t.isAlive() && t != Thread.currentThread()) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            closed = true;
            if (console != null) {
                console.close();
            }
            if (owner != null) {
                owner.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }
}
