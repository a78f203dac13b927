package io.plantconsole.app.env;

import io.plantconsole.app.AppContext;
import io.plantconsole.app.ConsoleOptions;
import io.plantconsole.audit.model.CentralAuditCopy;
import io.plantconsole.audit.service.CentralAuditChain;
import io.plantconsole.auth.service.RoleMapping;
import io.plantconsole.auth.service.SingleSignOn;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.infra.config.CatalogueLoader;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.mqtt.EmbeddedBroker;
import io.plantconsole.infra.mqtt.JsonPlantPublisher;
import io.plantconsole.infra.mqtt.sparkplug.SparkplugEdgePublisher;
import io.plantconsole.infra.oidc.BrowserLauncher;
import io.plantconsole.infra.postgres.DemoCentral;
import io.plantconsole.infra.postgres.PostgresAuditChain;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.sim.CompositePublisher;
import io.plantconsole.sim.PlantSimulator;
import io.plantconsole.sim.SimSettings;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ConnectionState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo plant on this machine (ADR 0006, 0010): an embedded MQTT broker, the plant simulator publishing through
 * real MQTT clients once the console is subscribed, an embedded central PostgreSQL started in the background, and
 * one demo account per role with one-time passwords in the log.
 */
public final class DemoEnvironment implements Environment {
    private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);
    static final String SPARKPLUG_GROUP = "CocoaPlant";

    private final ConsoleOptions options;
    private final Path dataDir;
    private final ChannelCatalogue catalogue;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final AtomicBoolean plantStarted = new AtomicBoolean();
    private final EmbeddedBroker broker;
    private volatile boolean closed;
    private DemoCentral demoCentral;
    private List<UserAdminService.Issued> demoUsers = List.of();

    public DemoEnvironment(ConsoleOptions options, Path dataDir) {
        this.options = options;
        this.dataDir = dataDir;
        this.catalogue = atRate(new CatalogueLoader().loadDemo(), options.simRateHz());
        for (ConsoleOptions.Fault f : options.faults()) {
            if (catalogue.byId(f.channelId()).isEmpty()) {
                throw new IllegalArgumentException("--fault: the demo plant has no channel '" + f.channelId() + "'");
            }
        }
        this.broker = track(EmbeddedBroker.start());
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public ChannelCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public TelemetryFeature.Feed feed() {
        return new TelemetryFeature.Feed(broker.uri(), clientId(), null, null, 1,
                List.of("plant/#"), "plant/", SPARKPLUG_GROUP);
    }

    /**
     * The demo console's client id on this workstation: its MQTT client id and its sync origin, by which the demo
     * centre's registry knows it (ADR 0018).
     */
    public static String clientId() {
        return "plant-console-" + AppContext.workstationId();
    }

    @Override
    public Optional<Centre> centre(LocalStore store, String origin, Clock clock) {
        demoCentral = track(new DemoCentral(dataDir, origin, store, clock));
        DemoCentral d = demoCentral;
        return Optional.of(new Centre(d, Optional.empty(), new CentralAuditChain() {
            @Override
            public List<AuditEvent> chain(String consoleId) {
                return running().chain(consoleId);
            }

            @Override
            public CentralAuditCopy copy(String consoleId) {
                return running().copy(consoleId);
            }

            private PostgresAuditChain running() {
                return new PostgresAuditChain(d.consoleDatabase().orElseThrow(() -> new IllegalStateException(
                        "The demo central database is not running: " + d.state().message())), origin);
            }
        }));
    }

    @Override
    public Optional<SingleSignOn> singleSignOn(BrowserLauncher browser, Clock clock) {
        return Optional.empty();
    }

    @Override
    public Optional<RoleMapping> roleMapping() {
        return Optional.empty();
    }

    /** The demo users with their one-time passwords (kept, demo only, in a file readable by this user only). */
    @Override
    public String signInHint() {
        List<String> users = DemoPasswords.read(dataDir);
        if (users.isEmpty()) {
            return "Demo: users operator, supervisor, qa and admin (data folder " + dataDir + ").";
        }
        return "Demo users and their one-time passwords (change them at the first sign-in):\n" + String.join("\n",
                users);
    }

    /** Demo users on the first start, the plant once the console is subscribed, and the demo centre. */
    @Override
    public void started(AppContext console) {
        demoUsers = createDemoUsers(console.auth().users());
        console.telemetry().source().addStateListener(state -> {
            if (state == ConnectionState.CONNECTED && !plantStarted.getAndSet(true)) {
                Thread t = new Thread(() -> {
                    try {
                        startPlant(console.clock());
                    } catch (IllegalStateException e) {
                        LOG.debug("Demo plant not started: {}", e.getMessage());
                    }
                }, "plant-start");
                t.setDaemon(true);
                t.start();
            }
        });
        console.sync().engine().ifPresent(engine -> demoCentral.start(engine::syncNow));
    }

    private void startPlant(Clock clock) {
        double rate = options.simRateHz();
        SimSettings sim = new SimSettings(rate, 10, SimSettings.DEMO_SEED, rate >= 100 ? (int) Math.ceil(rate / 10) : 1);
        CompositePublisher publishers = track(new CompositePublisher(List.of(
                new JsonPlantPublisher(broker.uri(), "plant-sim-json", 1, sim.maxSamplesPerMessage()),
                new SparkplugEdgePublisher(broker.uri(), catalogue, "plant-sim-spb"))));
        PlantSimulator simulator = track(new PlantSimulator(catalogue, publishers, sim, clock));
        simulator.start();
        for (ConsoleOptions.Fault f : options.faults()) {
            simulator.inject(f.channelId(), f.kind(), f.duration());
            LOG.info("Demo fault injected: {} on {} for {}", f.kind(), f.channelId(), f.duration());
        }
    }

    /** First start in a data folder: one account per role, one-time passwords in the log (demo mode only). */
    private List<UserAdminService.Issued> createDemoUsers(UserAdminService users) {
        List<UserAdminService.Issued> issued = users.createDemoUsers();
        if (issued.isEmpty()) {
            LOG.info("Demo users exist already in {} (their one-time passwords were printed at the first start; "
                    + "delete the folder to start afresh)", dataDir);
        }
        DemoPasswords.write(dataDir, issued);
        for (UserAdminService.Issued i : issued) {
            LOG.warn("DEMO user '{}' ({}): one-time password {} (change it at the first sign-in)",
                    i.account().username(), i.account().role().displayName(), new String(i.oneTimePassword()));
        }
        return issued;
    }

    @Override
    public List<UserAdminService.Issued> demoUsers() {
        return demoUsers;
    }

    @Override
    public Optional<DemoCentral.State> demoCentralState() {
        return Optional.ofNullable(demoCentral).map(DemoCentral::state);
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

    /** Registers something to close with the demo; after close, closes it at once (a late plant start). */
    private <T extends AutoCloseable> T track(T c) {
        synchronized (closeables) {
            if (!closed) {
                closeables.push(c);
                return c;
            }
        }
        closeQuietly(c);
        throw new IllegalStateException("the console is shutting down");
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
            closeQuietly(c);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
        }
    }
}
