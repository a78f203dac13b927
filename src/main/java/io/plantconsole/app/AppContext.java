package io.plantconsole.app;

import io.plantconsole.app.shell.IdentityServices;
import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEntry;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.audit.service.CentralAuditChain;
import io.plantconsole.kernel.identity.Authorizer;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.service.LoginService;
import io.plantconsole.auth.service.OneTimePasswords;
import io.plantconsole.auth.service.PasswordHasher;
import io.plantconsole.auth.service.RoleMapping;
import io.plantconsole.auth.service.SignatureService;
import io.plantconsole.auth.service.SingleSignOn;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.infra.crypto.Argon2idPasswordHasher;
import io.plantconsole.infra.db.ConsoleIdentity;
import io.plantconsole.infra.db.SqliteAuditStore;
import io.plantconsole.infra.db.SqliteSignatureStore;
import io.plantconsole.infra.db.SqliteUserStore;
import io.plantconsole.infra.export.CsvAuditExporter;
import io.plantconsole.infra.oidc.BrowserLauncher;
import io.plantconsole.infra.oidc.OidcSingleSignOn;
import io.plantconsole.infra.pdf.PdfAuditExporter;
import io.plantconsole.infra.postgres.PostgresAuditChain;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.sync.model.ConflictResolution;
import io.plantconsole.kernel.tx.LocalTransactions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import io.plantconsole.infra.config.CatalogueLoader;
import io.plantconsole.infra.config.SiteConfig;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.mqtt.EmbeddedBroker;
import io.plantconsole.infra.mqtt.JsonPlantPublisher;
import io.plantconsole.infra.mqtt.JsonTelemetryDecoder;
import io.plantconsole.infra.mqtt.MqttSettings;
import io.plantconsole.infra.mqtt.MqttTelemetrySource;
import io.plantconsole.infra.mqtt.sparkplug.PahoRebirthRequester;
import io.plantconsole.infra.mqtt.sparkplug.RebirthRequester;
import io.plantconsole.infra.mqtt.sparkplug.SparkplugEdgePublisher;
import io.plantconsole.infra.mqtt.sparkplug.SparkplugHostDecoder;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.json.JacksonJsonFields;
import io.plantconsole.infra.postgres.PostgresCentralRecords;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.infra.postgres.SchemaCheckingCentralSink;
import io.plantconsole.sim.CompositePublisher;
import io.plantconsole.sim.PlantSimulator;
import io.plantconsole.sim.SimSettings;
import io.plantconsole.sync.service.ConflictResolver;
import io.plantconsole.sync.service.Outbox;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.service.TelemetrySource;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the object graph once, by constructor injection, and closes it in reverse order.
 * The only class that constructs {@code infra} adapters.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);
    static final int QUEUE_CAPACITY = 200_000;
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    static final String SPARKPLUG_GROUP = "CocoaPlant";

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Clock clock;
    private final ChannelCatalogue catalogue;
    private final TelemetryHub hub;
    private final IngestPipeline pipeline;
    private final TelemetrySource source;
    /** Starts the demo plant's publishers and simulator; null in site mode. */
    private final Runnable demoPlant;
    private final AtomicBoolean demoPlantStarted = new AtomicBoolean();
    private boolean closed; // guarded by closeables
    private final Path dataDir;
    private final LocalStore localStore;
    /** The outbox worker; empty without a central database (a site without "central"). */
    private final Optional<SyncEngine> sync;
    /** Resolves the worker's conflicts; empty without a central database. */
    private Optional<ConflictResolver> resolver = Optional.empty();
    /** The central pool; null without a central database. */
    private CentralDatabase centralDb;
    private final ConsoleIdentity consoleIdentity;
    private final AuditTrail auditTrail;
    private final LoginService login;
    private final UserAdminService userAdmin;
    private final SignatureService signatures;
    private AuditService audit;
    /** Demo users made at this start, with their one-time passwords (the self-test signs in with them). */
    private final List<UserAdminService.Issued> demoUsers;
    private Optional<SingleSignOn> singleSignOn = Optional.empty();
    private Optional<RoleMapping> roleMapping = Optional.empty();
    /** Demo mode's embedded central database, started in the background; null in site mode. */
    private final DemoCentral demoCentral;

    private AppContext(ConsoleOptions options, Clock clock, BrowserLauncher browser) {
        try {
            this.clock = clock;
            this.dataDir = userDataDir();
            this.localStore = track(LocalStore.open(dataDir));
            UuidV7 ids = new UuidV7(clock, new SecureRandom());
            this.consoleIdentity = ConsoleIdentity.load(localStore);
            this.auditTrail = new AuditTrail(new SqliteAuditStore(localStore), clock, ids,
                    consoleIdentity.consoleId(), workstationId(), consoleIdentity.hashIp(localAddress()));
            SqliteUserStore users = new SqliteUserStore();
            PasswordHasher hasher = new Argon2idPasswordHasher();
            this.login = new LoginService(localStore, users, hasher, auditTrail, clock, ids,
                    LoginService.Settings.defaults());
            this.userAdmin = new UserAdminService(localStore, users, hasher, auditTrail,
                    new OneTimePasswords(new SecureRandom()), login::current, clock, ids);
            this.signatures = new SignatureService(localStore, login, new SqliteSignatureStore(), users, auditTrail,
                    clock, ids);
            SiteConfig.CentralConfig central = null;
            String clientId = "plant-console-" + workstationId();
            String brokerUri;
            String jsonPrefix;
            List<String> jsonTopics;
            String sparkplugGroup;
            String username = null;
            char[] password = null;
            int qos;
            EmbeddedBroker broker = null;
            if (options.isDemo()) {
                catalogue = atRate(new CatalogueLoader().loadDemo(), options.simRateHz());
                for (ConsoleOptions.Fault f : options.faults()) {
                    if (catalogue.byId(f.channelId()).isEmpty()) {
                        throw new IllegalArgumentException("--fault: the demo plant has no channel '"
                                + f.channelId() + "'");
                    }
                }
                broker = track(EmbeddedBroker.start());
                brokerUri = broker.uri();
                jsonPrefix = "plant/";
                jsonTopics = List.of("plant/#");
                sparkplugGroup = SPARKPLUG_GROUP;
                qos = 1;
            } else {
                SiteConfig site = SiteConfig.load(options.siteConfig().orElseThrow());
                catalogue = new CatalogueLoader().load(site.catalogue());
                brokerUri = site.brokerUri();
                jsonPrefix = site.jsonTopicPrefix();
                jsonTopics = site.jsonTopics();
                sparkplugGroup = site.sparkplugGroup();
                username = site.username();
                password = site.readPassword();
                qos = site.qos();
                clientId = site.clientId();
                central = site.centralConfig().orElse(null);
                site.oidcConfig().ifPresent(oidc -> {
                    RoleMapping roles = new RoleMapping(oidc.roles());
                    roleMapping = Optional.of(roles);
                    singleSignOn = Optional.of(new OidcSingleSignOn(oidc, roles, browser, clock));
                });
            }
            if (options.isDemo()) {
                demoCentral = track(new DemoCentral(dataDir, clientId, localStore, clock));
                sync = Optional.of(track(new SyncEngine(localStore, demoCentral, SyncEngine.Settings.defaults(), clock,
                        new SplittableRandom())));
            } else {
                demoCentral = null;
                sync = Optional.ofNullable(central == null ? null : syncEngine(central, clientId));
            }
            this.audit = new AuditService(localStore, new SqliteAuditStore(localStore), auditTrail, centralAuditChain(),
                    Map.of("csv", new CsvAuditExporter(), "pdf", new PdfAuditExporter(clock)), login::current);
            this.demoUsers = options.isDemo() ? createDemoUsers() : List.of();
            hub = new TelemetryHub(catalogue, clock, TelemetryHub.Settings.defaults());

            RebirthRequester[] rebirth = {(group, node) -> { }};
            SparkplugHostDecoder sparkplug = new SparkplugHostDecoder(catalogue,
                    (group, node) -> rebirth[0].requestRebirth(group, node), clock);
            pipeline = track(new IngestPipeline(hub, List.of(
                    new JsonTelemetryDecoder(catalogue, jsonPrefix, Duration.ofSeconds(30)), sparkplug),
                    clock, QUEUE_CAPACITY, MAX_PAYLOAD_BYTES));

            MqttTelemetrySource json = new MqttTelemetrySource(new MqttSettings(brokerUri,
                    clientId, username, password, false, jsonTopics, qos, 30, 5), pipeline);
            List<TelemetrySource> sources = new java.util.ArrayList<>(List.of(json));
            if (!sparkplugGroup.isBlank()) {
                MqttTelemetrySource spb = new MqttTelemetrySource(new MqttSettings(brokerUri,
                        clientId + "-spb", username, password, true,
                        List.of("spBv1.0/" + sparkplugGroup + "/#"), 0, 30, 5), pipeline);
                rebirth[0] = new PahoRebirthRequester(spb.client());
                sources.add(spb);
            }
            source = track(new CombinedSource(sources));

            if (options.isDemo()) {
                String uri = brokerUri;
                double rate = options.simRateHz();
                SimSettings sim = rate >= 100 ? new SimSettings(rate, 10, SimSettings.DEMO_SEED, (int) Math.ceil(rate / 10))
                        : new SimSettings(rate, 10, SimSettings.DEMO_SEED, 1);
                demoPlant = () -> {
                    CompositePublisher publishers = track(new CompositePublisher(List.of(
                            new JsonPlantPublisher(uri, "plant-sim-json", 1, sim.maxSamplesPerMessage()),
                            new SparkplugEdgePublisher(uri, catalogue, "plant-sim-spb"))));
                    PlantSimulator simulator = track(new PlantSimulator(catalogue, publishers, sim, clock));
                    simulator.start();
                    for (ConsoleOptions.Fault f : options.faults()) {
                        simulator.inject(f.channelId(), f.kind(), f.duration());
                        LOG.info("Demo fault injected: {} on {} for {}", f.kind(), f.channelId(), f.duration());
                    }
                };
            } else {
                demoPlant = null;
            }
            LOG.info("Plant Console {}: {} channels, broker {}", options.isDemo() ? "demo" : "site",
                    catalogue.size(), brokerUri);
        } catch (RuntimeException e) {
            close(); // what was started before the failure
            throw e;
        }
    }

    /**
     * The central pool (no connection is made here) and the sync worker over it. The schema is checked and migrated
     * by the worker's first attempt, on the {@code sync} thread, so a centre that is down never blocks start-up.
     */
    private SyncEngine syncEngine(SiteConfig.CentralConfig central, String origin) {
        char[] password = central.readPassword();
        CentralDatabase.Settings settings;
        try {
            settings = new CentralDatabase.Settings(central.url(), central.user(), password, 2, Duration.ofSeconds(5),
                    central.sslMode(), central.sslRootCert());
        } finally {
            java.util.Arrays.fill(password, '\0'); // Settings keeps its own copy
        }
        CentralDatabase db = track(CentralDatabase.open(settings));
        centralDb = db;
        SyncEngine engine = new SyncEngine(localStore,
                new SchemaCheckingCentralSink(db, new PostgresCentralSink(db, origin)), SyncEngine.Settings.defaults(),
                clock, new SplittableRandom());
        LOG.info("Central database configured: {}", db.settings());
        // Record types register their RecordReconciler here as features arrive.
        ConflictResolver conflicts = new ConflictResolver(localStore, localStore, new PostgresCentralRecords(db),
                new JacksonJsonFields(), engine, login::current, auditTrail, clock);
        resolver = Optional.of(conflicts);
        return track(engine);
    }

    /** The centre's copy of the audit chain: the site's central database, or the demo centre once it runs. */
    private Optional<CentralAuditChain> centralAuditChain() {
        if (centralDb != null) {
            return Optional.of(new PostgresAuditChain(centralDb));
        }
        if (demoCentral != null) {
            return Optional.of(consoleId -> new PostgresAuditChain(demoCentral.consoleDatabase().orElseThrow(
                    () -> new IllegalStateException("The demo central database is not running: "
                            + demoCentral.state().message()))).chain(consoleId));
        }
        return Optional.empty();
    }

    /** Demo mode, first start: one account per role, one-time passwords in the log (demo mode only). */
    private List<UserAdminService.Issued> createDemoUsers() {
        List<UserAdminService.Issued> issued = userAdmin.createDemoUsers();
        if (issued.isEmpty()) {
            LOG.info("Demo users exist already in {} (their one-time passwords were printed at the first start; "
                    + "delete the folder to start afresh)", dataDir);
        }
        for (UserAdminService.Issued i : issued) {
            LOG.warn("DEMO user '{}' ({}): one-time password {} (change it at the first sign-in)",
                    i.account().username(), i.account().role().displayName(), new String(i.oneTimePassword()));
        }
        return issued;
    }

    private static String localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * Builds the graph and starts the feeds (connections are made in the background). The demo plant starts once the
     * console is subscribed, so the console sees the Sparkplug births instead of asking for a rebirth.
     */
    public static AppContext start(ConsoleOptions options, Clock clock) {
        return start(options, clock, uri -> LOG.warn("Open this address in a browser to sign in: {}", uri));
    }

    /**
     * As {@link #start(ConsoleOptions, Clock)}, with the way single sign-on opens the system browser.
     */
    public static AppContext start(ConsoleOptions options, Clock clock, BrowserLauncher browser) {
        AppContext ctx = new AppContext(options, clock, browser);
        if (ctx.demoPlant != null) {
            ctx.source.addStateListener(state -> {
                if (state == ConnectionState.CONNECTED && !ctx.demoPlantStarted.getAndSet(true)) {
                    Thread t = new Thread(() -> {
                        try {
                            ctx.demoPlant.run();
                        } catch (IllegalStateException e) {
                            LOG.debug("Demo plant not started: {}", e.getMessage());
                        }
                    }, "plant-start");
                    t.setDaemon(true);
                    t.start();
                }
            });
        }
        ctx.source.start();
        ctx.sync.ifPresent(SyncEngine::start);
        if (ctx.demoCentral != null) {
            SyncEngine engine = ctx.sync.orElseThrow();
            ctx.demoCentral.start(engine::syncNow);
        }
        return ctx;
    }

    /** Registers something to close with the context; after close, closes it at once (a late demo start). */
    private <T extends AutoCloseable> T track(T c) {
        synchronized (closeables) {
            if (!closed) {
                closeables.push(c);
                return c;
            }
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing late {}: {}", c.getClass().getSimpleName(), e.toString());
        }
        throw new IllegalStateException("the console is shutting down");
    }

    /** The demo catalogue at the simulator's rate, so each ring holds an hour at the rate that really arrives. */
    private static ChannelCatalogue atRate(ChannelCatalogue catalogue, double rateHz) {
        if (rateHz <= 0) {
            return catalogue;
        }
        return new ChannelCatalogue(catalogue.channels().stream().map(c -> new ChannelDef(c.id(), c.name(), c.area(),
                c.equipment(), c.unit(), c.rangeLow(), c.rangeHigh(), c.normalLow(), c.normalHigh(), rateHz,
                c.source())).toList());
    }

    public Clock clock() {
        return clock;
    }

    public ChannelCatalogue catalogue() {
        return catalogue;
    }

    public TelemetryHub hub() {
        return hub;
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    public TelemetrySource source() {
        return source;
    }

    /** The local SQLite store in {@link #dataDir()}, always open. */
    public LocalStore localStore() {
        return localStore;
    }

    /** The outbox the sync worker drains (the local store). Its methods block on disk: never on the FX thread. */
    public Outbox outbox() {
        return localStore;
    }

    /**
     * The sync worker; empty when a site configures no central database. In demo mode it syncs to the embedded demo
     * central database, which starts in the background ({@link #demoCentralState()}).
     */
    public Optional<SyncEngine> sync() {
        return sync;
    }

    /** Resolves sync conflicts; empty when no central database is configured. Its methods block. */
    public Optional<ConflictResolver> resolver() {
        return resolver;
    }

    /** Sign-in, accounts, audit log and signatures, for the UI. */
    public IdentityServices identity() {
        return new IdentityServices(login, userAdmin, audit, signatures);
    }

    /** As {@link #identity()}, with single sign-on and the sign-in hint for the gate. */
    public IdentityServices identityForUi(boolean demo) {
        return new IdentityServices(login, userAdmin, audit, signatures, singleSignOn, roleMapping,
                demo ? "Demo: users operator, supervisor, qa and admin; their one-time passwords are in the console"
                        + " log of the first start (data folder " + dataDir + ")." : "");
    }

    /** Single sign-on, when the site config has an {@code oidc} section. */
    public Optional<SingleSignOn> singleSignOn() {
        return singleSignOn;
    }

    /** The site's group-to-role mapping, with {@link #singleSignOn()}. */
    public Optional<RoleMapping> roleMapping() {
        return roleMapping;
    }

    /** The demo users made at this start with their one-time passwords; empty in site mode or on later starts. */
    public List<UserAdminService.Issued> demoUsers() {
        return demoUsers;
    }

    /** This console's audit chain id and IP salt. */
    public ConsoleIdentity consoleIdentity() {
        return consoleIdentity;
    }

    /** Demo mode's central database: starting, running, or unavailable and why; empty in site mode. */
    Optional<DemoCentral.State> demoCentralState() {
        return Optional.ofNullable(demoCentral).map(DemoCentral::state);
    }

    /** The console's data folder ({@code -Dplantconsole.data} overrides it). */
    public Path dataDir() {
        return dataDir;
    }

    /** Exports (CSV, PNG) go here. */
    public Path exportDir() {
        return dataDir.resolve("exports");
    }

    static Path userDataDir() {
        String override = System.getProperty("plantconsole.data");
        if (override != null) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        return base.resolve("plant-console");
    }

    static String workstationId() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        } catch (java.io.IOException e) {
            return "workstation";
        }
    }

    @Override
    public void close() {
        synchronized (closeables) {
            closed = true;
        }
        while (true) {
            AutoCloseable c;
            synchronized (closeables) {
                if (closeables.isEmpty()) {
                    return;
                }
                c = closeables.pop();
            }
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Several MQTT connections shown as one: the worst state wins, errors are joined. */
    static final class CombinedSource implements TelemetrySource {
        private final List<TelemetrySource> parts;
        private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();

        CombinedSource(List<TelemetrySource> parts) {
            this.parts = List.copyOf(parts);
            for (TelemetrySource p : parts) {
                p.addStateListener(s -> listeners.forEach(l -> l.accept(state())));
            }
        }

        @Override
        public void start() {
            parts.forEach(TelemetrySource::start);
        }

        @Override
        public ConnectionState state() {
            ConnectionState worst = ConnectionState.CONNECTED;
            for (TelemetrySource p : parts) {
                if (rank(p.state()) > rank(worst)) {
                    worst = p.state();
                }
            }
            return worst;
        }

        private static int rank(ConnectionState s) {
            return switch (s) {
                case CONNECTED -> 0;
                case CONNECTING -> 1;
                case RECONNECTING -> 2;
                case DISCONNECTED -> 3;
            };
        }

        @Override
        public String lastError() {
            return parts.stream().map(TelemetrySource::lastError).filter(e -> !e.isBlank()).distinct()
                    .reduce((a, b) -> a + "; " + b).orElse("");
        }

        @Override
        public void addStateListener(Consumer<ConnectionState> listener) {
            listeners.add(listener);
        }

        @Override
        public void close() {
            parts.forEach(TelemetrySource::close);
        }
    }
}
