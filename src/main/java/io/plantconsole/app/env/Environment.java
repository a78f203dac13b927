package io.plantconsole.app.env;

import io.plantconsole.app.AppContext;
import io.plantconsole.auth.service.RoleMapping;
import io.plantconsole.auth.service.SingleSignOn;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.oidc.BrowserLauncher;
import io.plantconsole.infra.postgres.DemoCentral;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Where the console runs (ADR 0015): the demo plant on this machine, or a site's broker, centre and identity
 * provider. The composition root asks it for what differs and never branches on which one it is.
 */
public interface Environment extends AutoCloseable {

    /** "demo" or "site": the log, the window title and the owner mark of its data folder. */
    String name();

    /** Its own data folder ({@link DataFolders}): the local store, exports, the demo's centre. */
    java.nio.file.Path dataDir();

    /** The plant's channels. */
    ChannelCatalogue catalogue();

    /** The broker and topics the telemetry feeds subscribe to. */
    TelemetryFeature.Feed feed();

    /** The central database the outbox drains to; empty when the site configures none. No connection is made here. */
    Optional<Centre> centre(LocalStore store, String origin, Clock clock);

    /** Single sign-on and its group-to-role mapping, when the site has an identity provider. */
    Optional<SingleSignOn> singleSignOn(BrowserLauncher browser, Clock clock);

    Optional<RoleMapping> roleMapping();

    /** A line under the sign-in form (demo: the demo users and their one-time passwords), or empty. Read when the
     * gate is built, after {@link #started}. */
    String signInHint();

    /** Called once the graph is built and the feeds are starting: demo users, the demo plant, the demo centre. */
    void started(AppContext console);

    /** The demo users made at this start, with their one-time passwords (demo, first start only). */
    default List<UserAdminService.Issued> demoUsers() {
        return List.of();
    }

    /** The demo's own central database: starting, running, or unavailable and why; empty at a site. */
    default Optional<DemoCentral.State> demoCentralState() {
        return Optional.empty();
    }

    @Override
    void close();
}
