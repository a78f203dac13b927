package io.plantconsole.sync.view;

import io.plantconsole.ui.FxPulse;
import io.plantconsole.ui.ViewLifecycle;
import io.plantconsole.sync.view.SyncViewModel.Badge;
import io.plantconsole.sync.view.SyncViewModel.ConflictRow;
import io.plantconsole.ui.dialog.Dialogs;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * Sync screen: the outbox worker's state, backlog, last success and failure, "Sync now", and the conflicts: a
 * table, the comparison of the selected one (console vs centre, changed fields marked in words and by the
 * {@code changed-field} style class) and "Keep central version" / "Re-apply my change", each confirmed in a dialog
 * ({@link Dialogs#confirm}) that says what will happen.
 * Refresh: {@link FxPulse#DIAGNOSTICS_HZ} (1 Hz) while shown. FX thread.
 */
public final class SyncController implements ViewLifecycle {
    private static final PseudoClass CONNECTED = PseudoClass.getPseudoClass("connected");
    private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass NOT_CONFIGURED = PseudoClass.getPseudoClass("not-configured");
    private static final PseudoClass ABNORMAL = PseudoClass.getPseudoClass("abnormal");
    /** Style class of a comparison row whose values differ (with the text marker, never colour alone). */
    public static final String CHANGED_FIELD = FieldTableRow.CHANGED_FIELD;

    private final SyncViewModel vm;
    private final FxPulse pulse;
    private Dialogs dialogs;

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
    @FXML private TableColumn<ConflictRow, String> conflictOriginColumn;
    @FXML private Label compareTitleLabel;
    @FXML private Label compareDetailLabel;
    @FXML private TableView<FieldRow> fieldsTable;
    @FXML private TableColumn<FieldRow, String> fieldKeyColumn;
    @FXML private TableColumn<FieldRow, String> fieldMarkerColumn;
    @FXML private TableColumn<FieldRow, String> fieldLocalColumn;
    @FXML private TableColumn<FieldRow, String> fieldCentralColumn;
    @FXML private Button takeCentralButton;
    @FXML private Button reapplyButton;
    @FXML private Label resolutionMessageLabel;

    public SyncController(SyncViewModel vm) {
        this.vm = vm;
        this.pulse = new FxPulse("sync", FxPulse.DIAGNOSTICS_HZ, vm::refresh);
    }

    public SyncViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        dialogs = new Dialogs(conflictsTable, "conflict-confirmation");
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
        column(conflictOriginColumn, ConflictRow::centralOrigin);
        conflictsTable.setItems(vm.conflicts());
        bindConflicts(vm.conflictsViewModel());
    }

    private void bindConflicts(ConflictsViewModel cv) {
        conflictsTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> cv.select(b));
        // the table is refilled when the conflicts or their origins change: keep the view model's selection
        vm.conflicts().addListener((ListChangeListener<ConflictRow>) change -> reselect(cv.selectedProperty().get()));
        cv.selectedProperty().addListener((o, a, b) -> reselect(b));
        compareTitleLabel.textProperty().bind(cv.compareTitleProperty());
        compareDetailLabel.textProperty().bind(cv.compareDetailProperty());
        fieldLocalColumn.textProperty().bind(cv.localHeaderProperty());
        fieldCentralColumn.textProperty().bind(cv.centralHeaderProperty());
        fieldColumn(fieldKeyColumn, FieldRow::key);
        fieldColumn(fieldMarkerColumn, FieldRow::marker);
        fieldColumn(fieldLocalColumn, FieldRow::localValue);
        fieldColumn(fieldCentralColumn, FieldRow::centralValue);
        fieldsTable.setItems(cv.fields());
        fieldsTable.setRowFactory(t -> new FieldTableRow());
        takeCentralButton.disableProperty().bind(cv.takeCentralDisabledProperty());
        reapplyButton.disableProperty().bind(cv.reapplyDisabledProperty());
        takeCentralButton.setTooltip(boundTooltip(cv.takeCentralTooltipProperty()));
        reapplyButton.setTooltip(boundTooltip(cv.reapplyTooltipProperty()));
        resolutionMessageLabel.textProperty().bind(cv.messageProperty());
        cv.messageErrorProperty().addListener((o, a, b) -> resolutionMessageLabel.pseudoClassStateChanged(ERROR, b));
        resolutionMessageLabel.pseudoClassStateChanged(ERROR, cv.messageErrorProperty().get());
    }

    private void reselect(ConflictRow row) {
        var model = conflictsTable.getSelectionModel();
        if (row == null) {
            if (model.getSelectedItem() != null) {
                model.clearSelection();
            }
            return;
        }
        ConflictRow shown = model.getSelectedItem();
        if (shown != null && shown.equals(row)) {
            return;
        }
        for (ConflictRow r : conflictsTable.getItems()) {
            if (r.entryId().equals(row.entryId())) {
                model.select(r);
                return;
            }
        }
    }

    private static Tooltip boundTooltip(javafx.beans.value.ObservableValue<String> text) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text);
        tip.setShowDuration(javafx.util.Duration.seconds(20));
        return tip;
    }

    private static void fieldColumn(TableColumn<FieldRow, String> c, Function<FieldRow, String> f) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())).getReadOnlyProperty());
    }

    @FXML
    private void onKeepCentral() {
        ConflictsViewModel cv = vm.conflictsViewModel();
        cv.takeCentralConfirmation().filter(dialogs::confirm).ifPresent(c -> cv.takeCentral());
    }

    @FXML
    private void onReapply() {
        ConflictsViewModel cv = vm.conflictsViewModel();
        cv.reapplyConfirmation().filter(dialogs::confirm).ifPresent(c -> cv.reapply());
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
