package io.plantconsole.app.env;

import io.plantconsole.app.AppContext;
import io.plantconsole.auth.service.RoleMapping;
import io.plantconsole.auth.service.SingleSignOn;
import io.plantconsole.infra.config.CatalogueLoader;
import io.plantconsole.infra.config.SiteConfig;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.oidc.BrowserLauncher;
import io.plantconsole.infra.oidc.OidcSingleSignOn;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresAuditChain;
import io.plantconsole.infra.postgres.PostgresCentralRecords;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.infra.postgres.SchemaCheckingCentralSink;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A plant's site: broker, catalogue, central database and identity provider from its {@code site.json}. */
public final class SiteEnvironment implements Environment {
    private static final Logger LOG = LoggerFactory.getLogger(SiteEnvironment.class);

    private final SiteConfig site;
    private final java.nio.file.Path dataDir;
    private final ChannelCatalogue catalogue;
    private final Optional<RoleMapping> roles;
    private CentralDatabase centralDb;

    public SiteEnvironment(SiteConfig site, java.nio.file.Path dataDir) {
        this.site = site;
        this.dataDir = dataDir;
        this.catalogue = new CatalogueLoader().load(site.catalogue());
        this.roles = site.oidcConfig().map(oidc -> new RoleMapping(oidc.roles()));
    }

    @Override
    public String name() {
        return "site";
    }

    @Override
    public java.nio.file.Path dataDir() {
        return dataDir;
    }

    @Override
    public ChannelCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public TelemetryFeature.Feed feed() {
        return new TelemetryFeature.Feed(site.brokerUri(), site.clientId(), site.username(), site.readPassword(),
                site.qos(), site.jsonTopics(), site.jsonTopicPrefix(), site.sparkplugGroup());
    }

    /**
     * The central pool (no connection is made here) and the sink over it. The schema is checked (never migrated: the
     * DBA runs {@code --migrate-central} as the owner) by the worker's first attempt, on the {@code sync} thread, so a centre that is down never blocks start-up.
     */
    @Override
    public Optional<Centre> centre(LocalStore store, String origin, Clock clock) {
        return site.centralConfig().map(central -> {
            char[] password = central.readPassword();
            CentralDatabase.Settings settings;
            try {
                settings = new CentralDatabase.Settings(central.url(), central.user(), password, 2,
                        Duration.ofSeconds(5), central.sslMode(), central.sslRootCert());
            } finally {
                Arrays.fill(password, '\0'); // Settings keeps its own copy
            }
            centralDb = CentralDatabase.open(settings);
            LOG.info("Central database configured: {}", centralDb.settings());
            return new Centre(SchemaCheckingCentralSink.checking(centralDb, new PostgresCentralSink(centralDb, origin)),
                    Optional.of(new PostgresCentralRecords(centralDb)), new PostgresAuditChain(centralDb, origin));
        });
    }

    @Override
    public Optional<SingleSignOn> singleSignOn(BrowserLauncher browser, Clock clock) {
        return site.oidcConfig().map(oidc -> new OidcSingleSignOn(oidc, roles.orElseThrow(), browser, clock));
    }

    @Override
    public Optional<RoleMapping> roleMapping() {
        return roles;
    }

    @Override
    public String signInHint() {
        return "";
    }

    @Override
    public void started(AppContext console) {
        // a site's plant runs on its own
    }

    @Override
    public void close() {
        if (centralDb != null) {
            centralDb.close();
        }
    }
}
