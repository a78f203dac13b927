package io.plantconsole.app.shell;

import io.plantconsole.audit.view.AuditController;
import io.plantconsole.audit.view.AuditViewModel;
import io.plantconsole.auth.view.UserAccounts;
import io.plantconsole.auth.view.UsersController;
import io.plantconsole.auth.view.UsersViewModel;
import io.plantconsole.sync.view.Resolver;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.plantconsole.auth.view.SignInController;
import io.plantconsole.auth.view.SignInViewModel;
import io.plantconsole.ui.task.BackgroundTasks;
import io.plantconsole.ui.task.TaskLane;
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
    /** Task lane of the sign-in gate and the shell's lock, sign-out and idle lock (password hashing, disk). */
    public static final String AUTH_LANE = "auth";
    /** Task lane of the Users screen's account commands (disk, password hashing). */
    public static final String USERS_LANE = "users";
    /** Task lane of the Audit screen: reads, verifications and exports. */
    public static final String AUDIT_LANE = "audit";
    /** Task lane of the Sync screen: reads of the centre and conflict resolutions. */
    public static final String SYNC_LANE = "sync";

    private final Map<Class<?>, Supplier<?>> suppliers = new LinkedHashMap<>();
    private final UiServices services;
    private final ExecutorService background;
    /** The background-task seam every screen submits its blocking work to (ADR 0016), one lane per screen. */
    private final BackgroundTasks tasks = BackgroundTasks.threaded();
    private volatile Consumer<String> areaTrends = area -> { };

    private ControllerFactory(UiServices services) {
        this.services = services;
        AtomicInteger n = new AtomicInteger();
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ui-export-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
                        f.background));
        f.register(DiagnosticsController.class,
                () -> new DiagnosticsController(new DiagnosticsViewModel(services.hub(), services.pipeline(), format)));
        f.register(SyncController.class, () -> new SyncController(new SyncViewModel(services.sync(),
                services.resolver().map(Resolver::of), f.tasks.lane(SYNC_LANE), services.clock())));
        services.identity().ifPresent(id -> f.register(SignInController.class, () -> new SignInController(
                new SignInViewModel(id.login(), id.sso(), id.roles(), f.authLane()), id.signInHint())));
        f.register(UsersController.class, () -> new UsersController(new UsersViewModel(
                services.identity().map(i -> UserAccounts.of(i.users())),
                () -> services.identity().map(i -> i.login().current()).orElse(null), f.tasks.lane(USERS_LANE),
                services.clock())));
        f.register(AuditController.class, () -> new AuditController(new AuditViewModel(services.identity()
                .map(i -> new AuditViewModel.Backend(i.audit(), i.login()::current)), services.sync().isPresent(),
                f.tasks.lane(AUDIT_LANE), services.clock()), services.exportDir()));
        return f;
    }

    /** The lane for sign-in work (password hashing, disk): the shell's lock, sign-out and idle lock use it too. */
    TaskLane authLane() {
        return tasks.lane(AUTH_LANE);
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

    /** Stops the background tasks' lanes and the export thread. */
    public void close() {
        tasks.close();
        background.shutdown();
    }
}
