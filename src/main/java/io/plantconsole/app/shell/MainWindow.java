package io.plantconsole.app.shell;

import io.plantconsole.auth.service.LoginService;
import io.plantconsole.auth.view.SignInController;
import io.plantconsole.auth.view.SignInViewModel;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.ui.FxCoalescer;
import io.plantconsole.ui.FxPulse;
import io.plantconsole.ui.Navigator;
import io.plantconsole.ui.ScreenContext;
import io.plantconsole.ui.ScreenSpec;
import io.plantconsole.ui.ViewLifecycle;
import io.plantconsole.ui.task.BackgroundTasks;
import io.plantconsole.ui.task.TaskStatusItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's shell: navigation on the left built from the features' screens (ADR 0015), the current screen, a red
 * "broker lost" banner while the broker connection is down, a status bar (broker state, messages/s, accepted
 * samples, bad and dropped counts, sync, running tasks, clock) and the sign-in gate over it all. It is also the
 * controller of {@code fxml/app/MainWindow.fxml}.
 *
 * <p>Lifecycle: every screen is loaded once (charts are built once); only the shown screen's pulse runs. The status
 * bar refreshes at {@link FxPulse#STATUS_HZ}; connection-state changes reported on the client thread reach the FX
 * thread through an {@link FxCoalescer} (at most one pending hop). {@link #dispose()} stops every timer.
 *
 * <p>All methods: FX thread.
 */
public final class MainWindow implements Navigator {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);
    /** The shell's FXML resource. */
    public static final String FXML = "/fxml/app/MainWindow.fxml";
    /** The shell's own stylesheets, in order (tokens first); each screen adds its feature's. */
    public static final List<String> SHELL_STYLESHEETS = ShellStylesheets.SHELL;
    private static final PseudoClass LOST = PseudoClass.getPseudoClass("lost");
    private static final PseudoClass CONNECTED = PseudoClass.getPseudoClass("connected");
    private static final PseudoClass NONZERO = PseudoClass.getPseudoClass("nonzero");
    private static final PseudoClass ABNORMAL = PseudoClass.getPseudoClass("abnormal");

    private final UiServices services;
    private final ControllerFactory factory;
    private final ShellViewModel shell;
    private final FxPulse statusPulse;
    private final FxCoalescer<ConnectionState> stateHop;
    private final FrameRateMeter frameRate = new FrameRateMeter();
    private final List<ScreenSpec> screens = new ArrayList<>();
    private final Map<String, Parent> roots = new LinkedHashMap<>();
    private final Map<String, Object> controllers = new LinkedHashMap<>();
    private Navigation navigation;
    private GoToScreen goTo;
    private ScreenSpec current;
    private boolean disposed;

    @FXML private BorderPane shellRoot;
    @FXML private VBox navBox;
    @FXML private Label navHintLabel;
    @FXML private HBox brokerBanner;
    @FXML private Label bannerTitleLabel;
    @FXML private Label bannerDetailLabel;
    @FXML private StackPane contentArea;
    @FXML private HBox connectionItem;
    @FXML private Label connectionLabel;
    @FXML private Label rateLabel;
    @FXML private Label acceptedLabel;
    @FXML private Label badLabel;
    @FXML private Label droppedLabel;
    @FXML private Label syncLabel;
    @FXML private Label clockLabel;
    @FXML private Button statusSyncNowButton;
    @FXML private HBox userItem;
    @FXML private Label userLabel;
    @FXML private Button lockButton;
    @FXML private Button signOutButton;
    @FXML private TaskStatusItem taskStatus;
    /** The shell with the "go to screen" overlay and the sign-in gate over it. */
    private StackPane windowRoot;
    private SignInController gate;
    private FxPulse idlePulse;

    MainWindow(UiServices services, ControllerFactory factory) {
        this.services = Objects.requireNonNull(services, "services");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.shell = new ShellViewModel(services);
        this.statusPulse = new FxPulse("status bar", FxPulse.STATUS_HZ, shell::refresh);
        this.stateHop = new FxCoalescer<>(shell::onConnectionState);
    }

    /** The shell's and the standard features' stylesheets as URLs (tests and tools showing content outside it). */
    public static List<String> stylesheetUrls() {
        return ShellStylesheets.standardUrls();
    }

    /** Builds the shell over the features of {@code services} and shows the first screen. FX thread. */
    public static MainWindow create(UiServices services) {
        // the shell registers the features' controllers itself, with its own navigator (initialize)
        ControllerFactory f = new ControllerFactory(BackgroundTasks.threaded());
        f.register(MainWindow.class, () -> new MainWindow(services, f));
        return f.<MainWindow>load(FXML).controller();
    }

    @FXML
    private void initialize() {
        ScreenContext context = new ScreenContext(services.clock(), services.exportDir(), factory.tasks(), this);
        screens.addAll(factory.registerFeatures(services.features(), context));
        Set<String> sheets = new LinkedHashSet<>(SHELL_STYLESHEETS);
        for (ScreenSpec s : screens) {
            sheets.add(s.stylesheet());
            ControllerFactory.Loaded<Object> loaded = factory.load(s);
            roots.put(s.id(), loaded.root());
            controllers.put(s.id(), loaded.controller());
        }
        navigation = new Navigation(screens, navBox, s -> navigate(s.id()));
        navHintLabel.setText("Ctrl+1…" + Math.min(Navigation.DIGIT_SHORTCUTS, screens.size())
                + " switch screens · Ctrl+K go to");
        goTo = new GoToScreen(navigation::openable, s -> navigate(s.id()));
        bindStatusBar();
        taskStatus.setTasks(factory.tasks());
        windowRoot = new StackPane(shellRoot, goTo.node());
        windowRoot.getStylesheets().addAll(ShellStylesheets.urls(sheets));
        services.login().ifPresentOrElse(this::installGate, () -> {
            userItem.setVisible(false);
            userItem.setManaged(false);
        });
        statusSyncNowButton.setVisible(services.sync().isPresent());
        statusSyncNowButton.setManaged(services.sync().isPresent());
        services.source().addStateListener(stateHop::offer);
        windowRoot.addEventFilter(KeyEvent.KEY_PRESSED, this::onShortcut);
        statusPulse.start();
        frameRate.start();
        if (!screens.isEmpty()) {
            navigate(screens.get(0).id());
        }
    }

    /**
     * Puts the sign-in gate over the shell, mirrors the session's permissions in the navigation, records activity
     * and locks the screen after the idle time.
     */
    private void installGate(LoginService login) {
        ControllerFactory.Loaded<SignInController> loaded = factory.load(SignInController.FXML);
        gate = loaded.controller();
        windowRoot.getChildren().add(loaded.root());
        shellRoot.visibleProperty().bind(loaded.root().visibleProperty().not());
        gate.model().sessionProperty().addListener((o, a, s) -> applySession(s));
        gate.model().modeProperty().addListener((o, a, m) -> applySession(gate.model().sessionProperty().get()));
        applySession(gate.model().sessionProperty().get());
        windowRoot.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> login.touch());
        windowRoot.addEventFilter(KeyEvent.KEY_PRESSED, e -> login.touch());
        idlePulse = new FxPulse("idle lock", 1, () -> {
            if (login.idleLockDue() && !factory.tasks().lane("auth").isBusy()) {
                factory.tasks().lane("auth").submit("Lock the screen (no activity for "
                        + login.settings().idleLock().toMinutes() + " min)", p -> login.lockIfIdle(), locked -> { },
                        f -> LOG.warn("Idle lock failed: {}", f.words()));
            }
        });
        idlePulse.start();
    }

    /** The navigation and the status bar for who is signed in (or nobody). */
    private void applySession(Session s) {
        boolean open = gate != null && gate.model().modeProperty().get() == SignInViewModel.Mode.OPEN;
        Role role = open && s != null ? s.role() : null;
        userLabel.setText(s == null ? "Not signed in" : s.displayName() + " · " + s.role().displayName());
        lockButton.setDisable(!open);
        signOutButton.setDisable(s == null);
        navigation.applyRole(role);
        if (current != null && role != null && !navigation.allows(current)) {
            navigation.openable().stream().findFirst().ifPresent(first -> navigate(first.id()));
        }
    }

    @FXML
    private void onLock() {
        services.login().ifPresent(login -> factory.tasks().lane("auth").submit("Lock the screen",
                p -> {
                    login.lock("locked by hand");
                    return null;
                }, done -> { }));
    }

    @FXML
    private void onSignOut() {
        services.login().ifPresent(login -> factory.tasks().lane("auth").submit("Sign out",
                p -> {
                    login.logout();
                    return null;
                }, done -> { }));
    }

    @FXML
    private void onSyncNow() {
        services.sync().ifPresent(SyncEngine::syncNow);
    }

    private void bindStatusBar() {
        connectionLabel.textProperty().bind(shell.connectionTextProperty());
        rateLabel.textProperty().bind(shell.rateTextProperty());
        acceptedLabel.textProperty().bind(shell.acceptedTextProperty());
        badLabel.textProperty().bind(shell.badTextProperty());
        droppedLabel.textProperty().bind(shell.droppedTextProperty());
        syncLabel.textProperty().bind(shell.syncTextProperty());
        shell.syncAbnormalProperty().addListener((o, a, b) -> syncLabel.pseudoClassStateChanged(ABNORMAL, b));
        syncLabel.pseudoClassStateChanged(ABNORMAL, shell.syncAbnormalProperty().get());
        clockLabel.textProperty().bind(shell.clockTextProperty());
        bannerTitleLabel.setText(ShellViewModel.BANNER_TITLE);
        bannerDetailLabel.textProperty().bind(shell.bannerDetailProperty());
        brokerBanner.visibleProperty().bind(shell.bannerVisibleProperty());
        brokerBanner.managedProperty().bind(brokerBanner.visibleProperty());
        shell.connectionProperty().addListener((o, a, s) -> showConnection(s));
        showConnection(shell.connectionProperty().get());
        shell.anyBadProperty().addListener((o, a, b) -> badLabel.pseudoClassStateChanged(NONZERO, b));
        shell.anyDroppedProperty().addListener((o, a, b) -> droppedLabel.pseudoClassStateChanged(NONZERO, b));
        badLabel.pseudoClassStateChanged(NONZERO, shell.anyBadProperty().get());
        droppedLabel.pseudoClassStateChanged(NONZERO, shell.anyDroppedProperty().get());
    }

    private void showConnection(ConnectionState s) {
        connectionItem.pseudoClassStateChanged(LOST, ShellViewModel.isLost(s));
        connectionItem.pseudoClassStateChanged(CONNECTED, s == ConnectionState.CONNECTED);
    }

    private void onShortcut(KeyEvent e) {
        if (gate != null && !shellRoot.isVisible()) {
            return; // the gate is up: no navigation behind it
        }
        if (GoToScreen.isTrigger(e)) {
            goTo.show();
            e.consume();
        } else if (!goTo.isShowing() && navigation.onShortcut(e)) {
            e.consume();
        }
    }

    // ------------------------------------------------------------------ public API

    /** The window's root node (the shell under the sign-in gate); put it in a scene (stylesheets attached). */
    public Parent root() {
        return windowRoot;
    }

    /** The sign-in gate; empty without a login service. */
    public Optional<SignInController> signInGate() {
        return Optional.ofNullable(gate);
    }

    /** The screens in navigation order, as the features described them. */
    public List<ScreenSpec> screens() {
        return List.copyOf(screens);
    }

    /** Shows a screen by id: the old one stops its live feed, the new one starts it. Refused (logged) when the
     * signed-in role may not open it. */
    public void navigate(String screenId) {
        if (disposed) {
            throw new IllegalStateException("main window disposed");
        }
        ScreenSpec screen = spec(screenId);
        if (gate != null && gate.model().sessionProperty().get() != null && !navigation.allows(screen)) {
            LOG.debug("Not showing {}: the signed-in role may not", screenId);
            return;
        }
        if (screen != current) {
            if (current != null) {
                lifecycle(current.id()).onHide();
            }
            contentArea.getChildren().setAll(roots.get(screen.id()));
            current = screen;
            lifecycle(screen.id()).onShow();
            LOG.debug("Showing {}", screenId);
        }
        navigation.select(screen);
    }

    @Override
    public void show(String screenId) {
        navigate(screenId);
    }

    /** The id of the screen shown now. */
    public String current() {
        return current == null ? null : current.id();
    }

    @Override
    public <C> Optional<C> controller(String screenId, Class<C> type) {
        Object c = controllers.get(screenId);
        return type.isInstance(c) ? Optional.of(type.cast(c)) : Optional.empty();
    }

    /** The controller of a screen that must be there (tests, self-test). */
    public <C> C requireController(String screenId, Class<C> type) {
        return controller(screenId, type).orElseThrow(() -> new IllegalArgumentException(
                "no screen '" + screenId + "' with a " + type.getSimpleName()));
    }

    /** "Go to screen" (Ctrl+K) is showing. */
    public boolean isGoToShowing() {
        return goTo.isShowing();
    }

    /** Frames per second of the FX thread, counted since the window was created. */
    public FrameRateMeter frameRateMeter() {
        return frameRate;
    }

    /** The status bar and banner state. */
    public ShellViewModel shell() {
        return shell;
    }

    /** The background tasks of the screens (the status bar's task item shows them). */
    public BackgroundTasks tasks() {
        return factory.tasks();
    }

    /** Whether the "broker lost" banner is showing. */
    public boolean isBrokerBannerShowing() {
        return brokerBanner.isVisible();
    }

    /** Stops every timer and pulse and the background tasks; the window is not usable afterwards. */
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        stateHop.close();
        statusPulse.stop();
        frameRate.stop();
        if (idlePulse != null) {
            idlePulse.stop();
        }
        if (gate != null) {
            gate.model().dispose();
        }
        for (ScreenSpec s : screens) {
            lifecycle(s.id()).dispose();
        }
        factory.close();
    }

    private ScreenSpec spec(String id) {
        Objects.requireNonNull(id, "screenId");
        return screens.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no screen '" + id + "'"));
    }

    private ViewLifecycle lifecycle(String id) {
        Object c = controllers.get(id);
        if (c instanceof ViewLifecycle l) {
            return l;
        }
        return new ViewLifecycle() {
            @Override
            public void onShow() {
            }

            @Override
            public void onHide() {
            }
        };
    }
}
