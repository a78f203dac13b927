package io.plantconsole.app.shell;

import io.plantconsole.kernel.identity.Permissions;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.service.LoginService;
import io.plantconsole.auth.view.SignInController;
import io.plantconsole.auth.view.SignInViewModel;
import io.plantconsole.sync.service.SyncEngine;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.input.MouseEvent;
import io.plantconsole.ui.FxCoalescer;
import io.plantconsole.ui.FxPulse;
import io.plantconsole.ui.ViewLifecycle;
import io.plantconsole.ui.task.TaskStatusItem;
import io.plantconsole.sync.view.SyncController;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.view.DiagnosticsController;
import io.plantconsole.telemetry.view.OverviewController;
import io.plantconsole.telemetry.view.TrendsController;
import io.plantconsole.telemetry.view.TrendsViewModel;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's shell: navigation on the left (only screens that exist), the current screen, a red "broker lost"
 * banner while the broker connection is down, and a status bar (broker state, messages/s, accepted samples, bad
 * and dropped counts, clock). It is also the controller of {@code fxml/app/MainWindow.fxml}.
 *
 * <p>Lifecycle: every screen is loaded once (charts are built once); only the shown screen's pulse runs. The status
 * bar refreshes at {@link FxPulse#STATUS_HZ}; connection-state changes reported on the client thread reach the FX
 * thread through an {@link FxCoalescer} (at most one pending hop). {@link #dispose()} stops every timer.
 *
 * <p>All methods: FX thread.
 */
public final class MainWindow {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);
    /** The shell's FXML resource. */
    public static final String FXML = "/fxml/app/MainWindow.fxml";
    /** Stylesheets of the shell, in order (tokens first). */
    public static final List<String> STYLESHEETS =
            List.of("/styles/theme/tokens.css", "/styles/app.css", "/styles/telemetry.css", "/styles/sync.css",
                    "/styles/audit.css", "/styles/auth.css");
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
    private final Map<Screen, Parent> roots = new EnumMap<>(Screen.class);
    private final Map<Screen, Object> controllers = new EnumMap<>(Screen.class);
    private final Map<Screen, ToggleButton> navButtons = new EnumMap<>(Screen.class);
    private final ToggleGroup navGroup = new ToggleGroup();
    private final Map<Screen, StackPane> navHolders = new EnumMap<>(Screen.class);
    private final Map<Screen, Tooltip> holderTips = new EnumMap<>(Screen.class);
    private Screen current;
    private boolean disposed;

    @FXML private BorderPane shellRoot;
    @FXML private VBox navBox;
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
    /** The shell with the sign-in gate over it; just the shell without identity services (tests, tools). */
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

    /** Builds the shell with the standard controller factory and shows the Overview. FX thread. */
    public static MainWindow create(UiServices services) {
        ControllerFactory f = ControllerFactory.standard(services);
        ControllerFactory.Loaded<MainWindow> loaded = f.load(FXML);
        return loaded.controller();
    }

    /** The stylesheets as external URLs, for a scene or a dialog that shows shell content. */
    public static List<String> stylesheetUrls() {
        List<String> urls = new ArrayList<>();
        for (String s : STYLESHEETS) {
            URL url = MainWindow.class.getResource(s);
            if (url == null) {
                throw new IllegalStateException("stylesheet missing from the classpath: " + s);
            }
            urls.add(url.toExternalForm());
        }
        return urls;
    }

    @FXML
    private void initialize() {
        factory.setAreaTrendsHandler(this::showAreaTrends);
        for (Screen s : Screen.values()) {
            ControllerFactory.Loaded<Object> loaded = factory.load(s.fxml());
            roots.put(s, loaded.root());
            controllers.put(s, loaded.controller());
            // A disabled control shows no tooltip: its holder shows why it is disabled.
            StackPane holder = new StackPane(navButton(s));
            holder.getStyleClass().add("nav-holder");
            navHolders.put(s, holder);
            navBox.getChildren().add(holder);
        }
        bindStatusBar();
        taskStatus.setTasks(factory.tasks());
        windowRoot = new StackPane(shellRoot);
        windowRoot.getStylesheets().addAll(stylesheetUrls());
        services.identity().ifPresentOrElse(this::installGate, () -> {
            userItem.setVisible(false);
            userItem.setManaged(false);
        });
        statusSyncNowButton.setVisible(services.sync().isPresent());
        statusSyncNowButton.setManaged(services.sync().isPresent());
        services.source().addStateListener(stateHop::offer);
        shellRoot.addEventFilter(KeyEvent.KEY_PRESSED, this::onShortcut);
        statusPulse.start();
        frameRate.start();
        navigate(Screen.OVERVIEW);
    }

    /**
     * Puts the sign-in gate over the shell, mirrors the session's permissions in the navigation, records activity
     * and locks the screen after the idle time.
     */
    private void installGate(IdentityServices identity) {
        ControllerFactory.Loaded<SignInController> loaded = factory.load(SignInController.FXML);
        gate = loaded.controller();
        windowRoot.getChildren().add(loaded.root());
        shellRoot.visibleProperty().bind(loaded.root().visibleProperty().not());
        gate.model().sessionProperty().addListener((o, a, s) -> applySession(s));
        gate.model().modeProperty().addListener((o, a, m) -> applySession(gate.model().sessionProperty().get()));
        applySession(gate.model().sessionProperty().get());
        LoginService login = identity.login();
        windowRoot.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> login.touch());
        windowRoot.addEventFilter(KeyEvent.KEY_PRESSED, e -> login.touch());
        idlePulse = new FxPulse("idle lock", 1, () -> {
            if (login.idleLockDue() && !factory.authLane().isBusy()) {
                factory.authLane().submit("Lock the screen (no activity for "
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
        navButtons.forEach((screen, b) -> {
            Optional<String> why = Permissions.whyNot(role, screen.permission());
            b.setDisable(why.isPresent());
            Tooltip tip = new Tooltip(why.orElse(screen.hint() + " (Ctrl+" + (screen.ordinal() + 1) + ")"));
            b.setTooltip(tip);
            StackPane holder = navHolders.get(screen);
            Tooltip old = holderTips.remove(screen);
            if (old != null) {
                Tooltip.uninstall(holder, old);
            }
            if (why.isPresent()) {
                Tooltip.install(holder, tip);
                holderTips.put(screen, tip);
            }
        });
        if (current != null && !Permissions.allows(role, current.permission()) && role != null) {
            navigate(Screen.OVERVIEW);
        }
    }

    @FXML
    private void onLock() {
        services.identity().ifPresent(id -> factory.authLane().submit("Lock the screen", p -> {
            id.login().lock("locked by hand");
            return null;
        }, done -> { }));
    }

    @FXML
    private void onSignOut() {
        services.identity().ifPresent(id -> factory.authLane().submit("Sign out", p -> {
            id.login().logout();
            return null;
        }, done -> { }));
    }

    @FXML
    private void onSyncNow() {
        services.sync().ifPresent(SyncEngine::syncNow);
    }

    private ToggleButton navButton(Screen s) {
        ToggleButton b = new ToggleButton(s.title());
        b.setId("nav-" + s.name());
        b.getStyleClass().add("nav-button");
        b.setToggleGroup(navGroup);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setTooltip(new Tooltip(s.hint() + " (Ctrl+" + (s.ordinal() + 1) + ")"));
        b.setOnAction(e -> navigate(s));
        navButtons.put(s, b);
        return b;
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
        if (!e.isShortcutDown()) {
            return;
        }
        int index = switch (e.getCode()) {
            case DIGIT1, NUMPAD1 -> 0;
            case DIGIT2, NUMPAD2 -> 1;
            case DIGIT3, NUMPAD3 -> 2;
            case DIGIT4, NUMPAD4 -> 3;
            case DIGIT5, NUMPAD5 -> 4;
            case DIGIT6, NUMPAD6 -> 5;
            default -> -1;
        };
        if (index >= 0 && index < Screen.values().length && e.getCode() != KeyCode.UNDEFINED) {
            navigate(Screen.values()[index]);
            e.consume();
        }
    }

    // ------------------------------------------------------------------ public API

    /** The window's root node (the shell under the sign-in gate); put it in a scene (stylesheets attached). */
    public Parent root() {
        return windowRoot;
    }

    /** The sign-in gate; empty without identity services. */
    public Optional<SignInController> signInGate() {
        return Optional.ofNullable(gate);
    }

    /** The screens in navigation order. */
    public List<Screen> screens() {
        return Arrays.asList(Screen.values());
    }

    /** Shows a screen: the old one stops its live feed, the new one starts it. */
    public void navigate(Screen screen) {
        Objects.requireNonNull(screen, "screen");
        if (disposed) {
            throw new IllegalStateException("main window disposed");
        }
        Session session = gate == null ? null : gate.model().sessionProperty().get();
        if (session != null && !Permissions.allows(session.role(), screen.permission())) {
            LOG.debug("Not showing {}: a {} may not", screen, session.role());
            return;
        }
        if (screen != current) {
            if (current != null) {
                lifecycle(current).onHide();
            }
            contentArea.getChildren().setAll(roots.get(screen));
            current = screen;
            lifecycle(screen).onShow();
            LOG.debug("Showing {}", screen);
        }
        navButtons.forEach((s, b) -> b.setSelected(s == screen));
    }

    /** The screen shown now. */
    public Screen current() {
        return current;
    }

    /** Drill-down from the Overview: Trends with the area's pens. */
    public void showAreaTrends(String area) {
        trends().showArea(area);
        navigate(Screen.TRENDS);
    }

    public TrendsController trends() {
        return (TrendsController) controllers.get(Screen.TRENDS);
    }

    public OverviewController overview() {
        return (OverviewController) controllers.get(Screen.OVERVIEW);
    }

    public DiagnosticsController diagnostics() {
        return (DiagnosticsController) controllers.get(Screen.DIAGNOSTICS);
    }

    public SyncController sync() {
        return (SyncController) controllers.get(Screen.SYNC);
    }

    /**
     * Whether Trends shows live data: some pen's chart data set holds at least
     * {@link TrendsViewModel#LIVE_DATA_MIN_POINTS} points. Trends reads only while it is shown, so navigate to
     * {@link Screen#TRENDS} first and give it a few pulses.
     */
    public boolean trendsShowLiveData() {
        return trendsShowLiveData(TrendsViewModel.LIVE_DATA_MIN_POINTS);
    }

    /** As {@link #trendsShowLiveData()} with a chosen number of points. */
    public boolean trendsShowLiveData(int minPoints) {
        return trends().showsLiveData(minPoints);
    }

    /** Frames per second of the FX thread, counted since the window was created. */
    public FrameRateMeter frameRateMeter() {
        return frameRate;
    }

    /** The status bar and banner state. */
    public ShellViewModel shell() {
        return shell;
    }

    /** Whether the "broker lost" banner is showing. */
    public boolean isBrokerBannerShowing() {
        return brokerBanner.isVisible();
    }

    /** Stops every timer and pulse and the export thread; the window is not usable afterwards. */
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
        for (Screen s : Screen.values()) {
            lifecycle(s).dispose();
        }
        factory.close();
    }

    private ViewLifecycle lifecycle(Screen s) {
        Object c = controllers.get(s);
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
