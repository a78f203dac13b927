package io.plantconsole.app.shell;

import io.plantconsole.audit.view.AuditController;
import io.plantconsole.audit.view.AuditViewModel;
import io.plantconsole.auth.view.UsersController;
import io.plantconsole.auth.view.UsersViewModel;
import io.plantconsole.sync.view.ConflictsViewModel;
import io.plantconsole.sync.view.SyncController;
import io.plantconsole.sync.view.SyncViewModel;
import io.plantconsole.telemetry.view.DiagnosticsController;
import io.plantconsole.telemetry.view.DiagnosticsViewModel;
import io.plantconsole.telemetry.view.OverviewController;
import io.plantconsole.telemetry.view.OverviewViewModel;
import io.plantconsole.telemetry.view.TelemetryFormat;
import io.plantconsole.telemetry.view.TrendsController;
import io.plantconsole.telemetry.view.TrendsViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.plantconsole.auth.view.SignInController;
import io.plantconsole.auth.view.SignInViewModel;
import io.plantconsole.ui.task.BackgroundTasks;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/**
 * Hands FXML its controllers, built by constructor injection with their view models and collaborators
 * ({@link FXMLLoader#setControllerFactory}). The FXML files keep {@code fx:controller} for Scene Builder; this
 * factory decides how the named class is built. A class without a registration is an error, never a silent
 * no-arg construction.
 */
public final class ControllerFactory implements Callback<Class<?>, Object> {
    private final Map<Class<?>, Supplier<?>> suppliers = new LinkedHashMap<>();
    private final UiServices services;
    /** Reads the centre and resolves sync conflicts (blocking) off the FX thread, one at a time. */
    private final ExecutorService syncBackground = oneDaemonThread("sync-resolve");
    /** Signs in, locks and unlocks (password hashing, disk) off the FX thread, one at a time. */
    private final ExecutorService authBackground = oneDaemonThread("ui-auth");
    /** Runs the Users screen's account commands (blocking: disk, password hashing) off the FX thread. */
    private final ExecutorService usersBackground = oneDaemonThread("ui-users");
    /** Reads, verifies and exports the audit log (blocking) off the FX thread, one call at a time. */
    private final ExecutorService auditBackground = oneDaemonThread("ui-audit");
    /** The background-task seam every screen submits its blocking work to (ADR 0016). */
    private final BackgroundTasks tasks = BackgroundTasks.threaded();
    private volatile Consumer<String> areaTrends = area -> { };

    /** A single-thread executor on a daemon thread: blocking work of one screen, one call at a time. */
    private static ExecutorService oneDaemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private ControllerFactory(UiServices services) {
        this.services = services;
    }

    /**
     * The console's factory: the shell and the telemetry screens. Each call of a supplier builds a fresh controller
     * with a fresh view model.
     */
    public static ControllerFactory standard(UiServices services) {
        ControllerFactory f = new ControllerFactory(Objects.requireNonNull(services, "services"));
        TelemetryFormat format = new TelemetryFormat(services.clock().getZone());
        f.register(MainWindow.class, () -> new MainWindow(services, f));
        f.register(OverviewController.class,
                () -> new OverviewController(new OverviewViewModel(services.hub()), area -> f.areaTrends.accept(area)));
        f.register(TrendsController.class,
                () -> new TrendsController(new TrendsViewModel(services.hub(), format), services.exportDir(),
                        f.tasks.lane("exports")));
        f.register(DiagnosticsController.class,
                () -> new DiagnosticsController(new DiagnosticsViewModel(services.hub(), services.pipeline(), format)));
        f.register(SyncController.class, () -> new SyncController(new SyncViewModel(services.sync(),
                services.resolver().map(ConflictsViewModel.Resolver::of), f.syncBackground, Platform::runLater,
                services.clock())));
        services.identity().ifPresent(id -> f.register(SignInController.class, () -> new SignInController(
                new SignInViewModel(id.login(), id.sso(), id.roles(), f.authBackground, Platform::runLater),
                id.signInHint())));
        f.register(UsersController.class, () -> new UsersController(new UsersViewModel(
                services.identity().map(i -> UsersViewModel.Accounts.of(i.users())),
                () -> services.identity().map(i -> i.login().current()).orElse(null), f.usersBackground,
                Platform::runLater, services.clock())));
        f.register(AuditController.class, () -> new AuditController(new AuditViewModel(services.identity()
                .map(i -> new AuditViewModel.Backend(i.audit(), i.login()::current)), services.sync().isPresent(),
                f.auditBackground, Platform::runLater, services.clock()), services.exportDir()));
        return f;
    }

    /** The executor for sign-in work (password hashing, disk): the shell's idle check uses it too. */
    java.util.concurrent.Executor authBackground() {
        return authBackground;
    }

    /** The background tasks of the screens this factory builds; the status bar shows them. */
    public BackgroundTasks tasks() {
        return tasks;
    }

    /** Registers (or replaces) how a controller class is built. */
    public <T> ControllerFactory register(Class<T> type, Supplier<? extends T> supplier) {
        suppliers.put(Objects.requireNonNull(type), Objects.requireNonNull(supplier));
        return this;
    }

    /** Controller classes this factory can build. */
    public Set<Class<?>> registered() {
        return suppliers.keySet();
    }

    public UiServices services() {
        return services;
    }

    /** Where a drill-down to an area's trends goes (the shell sets this to itself). */
    void setAreaTrendsHandler(Consumer<String> handler) {
        this.areaTrends = Objects.requireNonNull(handler);
    }

    @Override
    public Object call(Class<?> type) {
        Supplier<?> s = suppliers.get(type);
        if (s == null) {
            throw new IllegalStateException("No controller registered for " + type.getName()
                    + ": add it to ControllerFactory.standard");
        }
        return s.get();
    }

    /** A loader for a classpath FXML resource (for example {@code /fxml/telemetry/Trends.fxml}) using this factory. */
    public FXMLLoader loader(String resource) {
        URL url = ControllerFactory.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("FXML not on the classpath: " + resource);
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(this);
        return loader;
    }

    /** A loaded view and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }

    /** Loads an FXML resource. FX thread. */
    public <C> Loaded<C> load(String resource) {
        FXMLLoader loader = loader(resource);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Stops the background export and conflict-resolution threads. */
    public void close() {
        tasks.close();
        syncBackground.shutdown();
        authBackground.shutdown();
        usersBackground.shutdown();
        auditBackground.shutdown();
    }
}
