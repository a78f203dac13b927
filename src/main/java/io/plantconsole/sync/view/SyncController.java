package io.plantconsole.sync.view;

import io.plantconsole.shared.FxPulse;
import io.plantconsole.shared.ViewLifecycle;
import io.plantconsole.sync.view.SyncViewModel.Badge;
import io.plantconsole.sync.view.SyncViewModel.ConflictRow;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * Sync screen: the outbox worker's state, backlog, last success and failure, conflicts, and "Sync now".
 * Refresh: {@link FxPulse#DIAGNOSTICS_HZ} (1 Hz) while shown. FX thread.
 */
public final class SyncController implements ViewLifecycle {
    private static final PseudoClass CONNECTED = PseudoClass.getPseudoClass("connected");
    private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass NOT_CONFIGURED = PseudoClass.getPseudoClass("not-configured");
    private static final PseudoClass ABNORMAL = PseudoClass.getPseudoClass("abnormal");

    private final SyncViewModel vm;
    private final FxPulse pulse;

    @FXML private Label updatedAtLabel;
    @FXML private Button syncNowButton;
    @FXML private Label stateBadge;
    @FXML private Label stateDetailLabel;
    @FXML private Label pendingValue;
    @FXML private Label oldestAgeValue;
    @FXML private Label lastSuccessValue;
    @FXML private Label failuresValue;
    @FXML private VBox failuresCard;
    @FXML private Label lastErrorLabel;
    @FXML private TableView<ConflictRow> conflictsTable;
    @FXML private TableColumn<ConflictRow, String> conflictTypeColumn;
    @FXML private TableColumn<ConflictRow, String> conflictIdColumn;
    @FXML private TableColumn<ConflictRow, String> conflictLocalColumn;
    @FXML private TableColumn<ConflictRow, String> conflictCentralColumn;
    @FXML private TableColumn<ConflictRow, String> conflictDetectedColumn;

    public SyncController(SyncViewModel vm) {
        this.vm = vm;
        this.pulse = new FxPulse("sync", FxPulse.DIAGNOSTICS_HZ, vm::refresh);
    }

    public SyncViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        updatedAtLabel.textProperty().bind(vm.updatedAtProperty());
        stateBadge.textProperty().bind(vm.badgeTextProperty());
        stateDetailLabel.textProperty().bind(vm.stateDetailProperty());
        pendingValue.textProperty().bind(vm.pendingProperty());
        oldestAgeValue.textProperty().bind(vm.oldestPendingAgeProperty());
        lastSuccessValue.textProperty().bind(vm.lastSuccessProperty());
        failuresValue.textProperty().bind(vm.consecutiveFailuresProperty());
        lastErrorLabel.textProperty().bind(vm.lastErrorProperty());
        syncNowButton.disableProperty().bind(vm.syncNowDisabledProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.syncNowTooltipProperty());
        syncNowButton.setTooltip(tip);
        vm.badgeProperty().addListener((o, a, b) -> showBadge(b));
        showBadge(vm.badgeProperty().get());
        vm.failingProperty().addListener((o, a, b) -> failuresCard.pseudoClassStateChanged(ABNORMAL, b));
        failuresCard.pseudoClassStateChanged(ABNORMAL, vm.failingProperty().get());
        column(conflictTypeColumn, ConflictRow::recordType);
        column(conflictIdColumn, ConflictRow::recordId);
        column(conflictLocalColumn, ConflictRow::localVersion);
        column(conflictCentralColumn, ConflictRow::centralVersion);
        column(conflictDetectedColumn, ConflictRow::detectedAt);
        conflictsTable.setItems(vm.conflicts());
    }

    private static void column(TableColumn<ConflictRow, String> c, Function<ConflictRow, String> f) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())).getReadOnlyProperty());
    }

    private void showBadge(Badge b) {
        stateBadge.pseudoClassStateChanged(CONNECTED, b == Badge.CONNECTED);
        stateBadge.pseudoClassStateChanged(OFFLINE, b == Badge.OFFLINE);
        stateBadge.pseudoClassStateChanged(ERROR, b == Badge.ERROR);
        stateBadge.pseudoClassStateChanged(NOT_CONFIGURED, b == Badge.NOT_CONFIGURED);
    }

    @FXML
    private void onSyncNow() {
        vm.syncNow();
    }

    @Override
    public void onShow() {
        vm.refresh();
        pulse.start();
    }

    @Override
    public void onHide() {
        pulse.stop();
    }

    /** The pulse driving this view (for tests and the self-test). */
    public FxPulse pulse() {
        return pulse;
    }
}
