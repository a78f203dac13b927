package io.plantconsole.app;

import io.plantconsole.app.env.Centre;
import io.plantconsole.app.env.DataFolders;
import io.plantconsole.app.env.Environment;
import io.plantconsole.app.env.Environments;
import io.plantconsole.app.shell.UiServices;
import io.plantconsole.audit.AuditFeature;
import io.plantconsole.auth.AuthFeature;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.infra.db.ConsoleIdentity;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.db.SqliteAuditStore;
import io.plantconsole.infra.json.JacksonJsonFields;
import io.plantconsole.infra.oidc.BrowserLauncher;
import io.plantconsole.infra.postgres.DemoCentral;
import io.plantconsole.kernel.KernelServices;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.sync.SyncFeature;
import io.plantconsole.telemetry.TelemetryFeature;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root (ADR 0015): the kernel over the local store, the environment (demo plant or site), then one
 * wiring per feature, each handed the kernel and the ports it needs from the others. Builds the graph once and
 * closes it in reverse order. Reads top to bottom; the features decide how they are built.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Clock clock;
    private final Path dataDir;
    private final LocalStore localStore;
    private final ConsoleIdentity consoleIdentity;
    private final KernelServices kernel;
    private final Environment environment;
    private final AuthFeature auth;
    private final SyncFeature sync;
    private final AuditFeature audit;
    private final TelemetryFeature telemetry;

    private AppContext(ConsoleOptions options, Clock clock, BrowserLauncher browser) {
        try {
            this.clock = clock;
            this.environment = track(Environments.of(options, DataFolders.base()));
            this.dataDir = environment.dataDir();
            this.localStore = track(LocalStore.open(dataDir));
            SqliteAuditStore auditStore = new SqliteAuditStore(localStore);
            DataFolders.claim(dataDir, environment.name(), auditStore.recordsDemoSetUp());
            this.consoleIdentity = ConsoleIdentity.load(localStore);
            UuidV7 ids = new UuidV7(clock, new SecureRandom());
            this.kernel = new KernelServices(clock, ids, localStore, new AuditTrail(auditStore, clock, ids,
                    consoleIdentity.consoleId(), workstationId(), consoleIdentity.hashIp(localAddress())), dataDir,
                    consoleIdentity::keyedHash);
            DataFolders.exportsFolder(kernel.exportDir());

            this.auth = AuthFeature.local(kernel, environment.singleSignOn(browser, clock),
                    environment.roleMapping(), environment::signInHint);
            TelemetryFeature.Feed feed = environment.feed();
            Optional<Centre> centre = environment.centre(localStore, feed.clientId(), clock);
            this.sync = track(centre.map(c -> SyncFeature.towards(kernel, localStore, c.sink(), c.records(),
                    new JacksonJsonFields(), auth.session())).orElseGet(SyncFeature::none));
            this.audit = AuditFeature.over(kernel, localStore, auditStore, centre.map(Centre::auditChain),
                    auth.session(), auth.shownSession());
            this.telemetry = track(TelemetryFeature.connect(environment.catalogue(), feed, clock));
            LOG.info("Plant Console {}: {} channels, broker {}", environment.name(), telemetry.catalogue().size(),
                    feed.brokerUri());
        } catch (RuntimeException e) {
            close(); // what was started before the failure
            throw e;
        }
    }

    /**
     * Builds the graph and starts the feeds (connections are made in the background). The demo plant starts once the
     * console is subscribed, so the console sees the Sparkplug births instead of asking for a rebirth.
     */
    public static AppContext start(ConsoleOptions options, Clock clock) {
        return start(options, clock, uri -> LOG.warn("Open this address in a browser to sign in: {}", uri));
    }

    /** As {@link #start(ConsoleOptions, Clock)}, with the way single sign-on opens the system browser. */
    public static AppContext start(ConsoleOptions options, Clock clock, BrowserLauncher browser) {
        AppContext ctx = new AppContext(options, clock, browser);
        ctx.environment.started(ctx);
        ctx.telemetry.start();
        ctx.sync.start();
        return ctx;
    }

    /** What the shell shows: its status-bar inputs, the gate's login and every feature's screens, in order. */
    public UiServices ui() {
        return new UiServices(telemetry.hub(), telemetry.pipeline(), telemetry.source(), clock, exportDir(),
                sync.engine(), Optional.of(auth.login()), List.of(telemetry, sync, audit, auth));
    }

    /** Registers something to close with the context (in reverse order). */
    private <T extends AutoCloseable> T track(T c) {
        closeables.push(c);
        return c;
    }

    public Clock clock() {
        return clock;
    }

    public KernelServices kernel() {
        return kernel;
    }

    public TelemetryFeature telemetry() {
        return telemetry;
    }

    public SyncFeature sync() {
        return sync;
    }

    public AuthFeature auth() {
        return auth;
    }

    public AuditFeature audit() {
        return audit;
    }

    /** The local SQLite store in {@link #dataDir()}, always open. Its methods block on disk. */
    public LocalStore localStore() {
        return localStore;
    }

    /** This console's audit chain id and IP salt. */
    public ConsoleIdentity consoleIdentity() {
        return consoleIdentity;
    }

    /** The demo users made at this start with their one-time passwords; empty at a site or on later starts. */
    public List<UserAdminService.Issued> demoUsers() {
        return environment.demoUsers();
    }

    /** The line under the sign-in form (demo: the demo users and their one-time passwords). */
    public String signInHint() {
        return environment.signInHint();
    }

    /** The demo's central database: starting, running, or unavailable and why; empty at a site. */
    Optional<DemoCentral.State> demoCentralState() {
        return environment.demoCentralState();
    }

    /** This environment's data folder: the site's, or the demo's own ({@link DataFolders}). */
    public Path dataDir() {
        return dataDir;
    }

    /** Exports (CSV, PNG, PDF) go here. */
    public Path exportDir() {
        return kernel.exportDir();
    }

    /** This workstation's host name, as recorded in audit events and the demo's client id. */
    public static String workstationId() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        } catch (java.io.IOException e) {
            return "workstation";
        }
    }

    private static String localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
