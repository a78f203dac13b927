package io.plantconsole.audit.view;

import io.plantconsole.audit.model.AuditChanges;
import io.plantconsole.ui.ViewLifecycle;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/**
 * Audit screen: the filter, the table of events, the selected event's fields, the chain banner with "Verify local
 * chain" / "Verify central copy", and "Export CSV…" / "Export PDF…". Binds only; {@link AuditViewModel} decides.
 * No timer: reloads when shown ({@link #onShow}). FX thread.
 */
public final class AuditController implements ViewLifecycle {
    public static final String STYLESHEET = "/styles/audit.css";
    private static final PseudoClass INTACT = PseudoClass.getPseudoClass("intact");
    private static final PseudoClass BROKEN = EventTableRow.BROKEN;
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final AuditViewModel vm;
    private final Path exportDir;
    /** Asks where to write an export (argument: the default file name); tests replace it. */
    Function<String, Optional<Path>> fileChooser = this::chooseFile;

    @FXML private BorderPane auditRoot;
    @FXML private Button exportCsvButton;
    @FXML private Button exportPdfButton;
    @FXML private HBox chainBanner;
    @FXML private Label chainBadge;
    @FXML private Label chainTextLabel;
    @FXML private Button verifyLocalButton;
    @FXML private Button verifyCentralButton;
    @FXML private DatePicker fromDatePicker;
    @FXML private TextField fromTimeField;
    @FXML private DatePicker toDatePicker;
    @FXML private TextField toTimeField;
    @FXML private ComboBox<String> userCombo;
    @FXML private ComboBox<String> actionCombo;
    @FXML private ComboBox<String> resourceTypeCombo;
    @FXML private TextField limitField;
    @FXML private Button applyButton;
    @FXML private Button clearButton;
    @FXML private Label countLabel;
    @FXML private Label messageLabel;
    @FXML private TableView<EventRow> eventsTable;
    @FXML private TableColumn<EventRow, String> seqColumn;
    @FXML private TableColumn<EventRow, String> timeColumn;
    @FXML private TableColumn<EventRow, String> userColumn;
    @FXML private TableColumn<EventRow, String> roleColumn;
    @FXML private TableColumn<EventRow, String> actionColumn;
    @FXML private TableColumn<EventRow, String> resourceColumn;
    @FXML private TableColumn<EventRow, String> changesColumn;
    @FXML private TableColumn<EventRow, String> reasonColumn;
    @FXML private TableColumn<EventRow, String> workstationColumn;
    @FXML private TableColumn<EventRow, String> hashColumn;
    @FXML private Label detailTitleLabel;
    @FXML private TableView<DetailRow> detailTable;
    @FXML private TableColumn<DetailRow, String> detailFieldColumn;
    @FXML private TableColumn<DetailRow, String> detailValueColumn;

    public AuditController(AuditViewModel vm, Path exportDir) {
        this.vm = Objects.requireNonNull(vm, "vm");
        this.exportDir = Objects.requireNonNull(exportDir, "exportDir");
    }

    public AuditViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        URL css = AuditController.class.getResource(STYLESHEET);
        if (css != null) {
            auditRoot.getStylesheets().add(css.toExternalForm());
        }
        AuditFilter filter = vm.filter();
        fromDatePicker.valueProperty().bindBidirectional(filter.fromDateProperty());
        toDatePicker.valueProperty().bindBidirectional(filter.toDateProperty());
        fromTimeField.textProperty().bindBidirectional(filter.fromTimeProperty());
        toTimeField.textProperty().bindBidirectional(filter.toTimeProperty());
        userCombo.setItems(filter.userChoices());
        userCombo.valueProperty().bindBidirectional(filter.userProperty());
        actionCombo.setItems(filter.actionChoices());
        actionCombo.valueProperty().bindBidirectional(filter.actionProperty());
        resourceTypeCombo.setItems(filter.resourceTypeChoices());
        resourceTypeCombo.valueProperty().bindBidirectional(filter.resourceTypeProperty());
        limitField.textProperty().bindBidirectional(filter.limitProperty());

        ChainBanner chain = vm.chain();
        chainBadge.textProperty().bind(chain.badgeProperty());
        chainTextLabel.textProperty().bind(chain.textProperty());
        chain.stateProperty().addListener((o, a, b) -> showChainState(b));
        showChainState(chain.stateProperty().get());
        countLabel.textProperty().bind(vm.countTextProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        vm.messageErrorProperty().addListener((o, a, b) -> messageLabel.pseudoClassStateChanged(ERROR, b));
        messageLabel.pseudoClassStateChanged(ERROR, vm.messageErrorProperty().get());

        bind(applyButton, vm.applyCommand());
        bind(clearButton, vm.applyCommand());
        bind(verifyLocalButton, vm.verifyLocalCommand());
        bind(verifyCentralButton, vm.verifyCentralCommand());
        bind(exportCsvButton, vm.exportCommand());
        bind(exportPdfButton, vm.exportCommand());

        column(seqColumn, EventRow::seq, null);
        column(timeColumn, EventRow::time, EventRow::timeUtc);
        column(userColumn, EventRow::user, r -> r.event().userId());
        column(roleColumn, EventRow::role, null);
        column(actionColumn, EventRow::action, null);
        column(resourceColumn, EventRow::resource, EventRow::resource);
        column(changesColumn, EventRow::changes, r -> String.join("\n", AuditChanges.lines(r.event())));
        column(reasonColumn, EventRow::reason, EventRow::reason);
        column(workstationColumn, EventRow::workstation, null);
        column(hashColumn, EventRow::hashShort, EventRow::hash);
        eventsTable.setItems(vm.rows());
        eventsTable.setRowFactory(t -> new EventTableRow());
        eventsTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != vm.selectedProperty().get()) {
                vm.select(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b == null) {
                eventsTable.getSelectionModel().clearSelection();
            } else if (eventsTable.getSelectionModel().getSelectedItem() != b) {
                eventsTable.getSelectionModel().select(b);
            }
        });

        detailTitleLabel.textProperty().bind(vm.detailTitleProperty());
        detailFieldColumn.setCellValueFactory(c -> constant(c.getValue().field()));
        detailValueColumn.setCellValueFactory(c -> constant(c.getValue().value()));
        detailFieldColumn.setCellFactory(c -> new TooltipTextCell<>(DetailRow::field));
        detailValueColumn.setCellFactory(WrappingTextCell::new);
        detailTable.setItems(vm.detail());
    }

    private static void bind(Button b, AuditCommand c) {
        b.disableProperty().bind(c.disabledProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(c.tooltipProperty());
        tip.setShowDuration(Duration.seconds(20));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        b.setTooltip(tip);
    }

    private void showChainState(ChainState s) {
        for (javafx.scene.Node n : new javafx.scene.Node[] {chainBanner, chainBadge}) {
            n.pseudoClassStateChanged(INTACT, s == ChainState.INTACT);
            n.pseudoClassStateChanged(BROKEN, s == ChainState.BROKEN);
            n.pseudoClassStateChanged(FAILED, s == ChainState.FAILED);
        }
    }

    private static ObservableValue<String> constant(String s) {
        return new ReadOnlyStringWrapper(s).getReadOnlyProperty();
    }

    /** A text column; {@code tooltip} (may be null) gives the row's tooltip text, e.g. the UTC time, the full hash. */
    private static void column(TableColumn<EventRow, String> c, Function<EventRow, String> text,
            Function<EventRow, String> tooltip) {
        c.setCellValueFactory(cell -> constant(text.apply(cell.getValue())));
        if (tooltip != null) {
            c.setCellFactory(col -> new TooltipTextCell<>(tooltip));
        }
    }

    @FXML
    private void onApply() {
        vm.refresh();
    }

    @FXML
    private void onClear() {
        vm.clearFilter();
    }

    @FXML
    private void onVerifyLocal() {
        vm.verifyLocal();
    }

    @FXML
    private void onVerifyCentral() {
        vm.verifyCentral();
    }

    @FXML
    private void onExportCsv() {
        fileChooser.apply(vm.defaultFileName("csv")).ifPresent(vm::export);
    }

    @FXML
    private void onExportPdf() {
        fileChooser.apply(vm.defaultFileName("pdf")).ifPresent(vm::export);
    }

    private Optional<Path> chooseFile(String defaultName) {
        String ext = defaultName.substring(defaultName.lastIndexOf('.') + 1);
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the audit log as " + ext.toUpperCase(java.util.Locale.ROOT));
        try {
            Files.createDirectories(exportDir);
            chooser.setInitialDirectory(exportDir.toFile());
        } catch (java.io.IOException | UnsupportedOperationException e) {
            // no default folder: the chooser starts where the platform likes
        }
        chooser.setInitialFileName(defaultName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(java.util.Locale.ROOT)
                + " files", "*." + ext));
        File f = chooser.showSaveDialog(auditRoot.getScene() == null ? null : auditRoot.getScene().getWindow());
        if (f == null) {
            return Optional.empty();
        }
        Path p = f.toPath();
        return Optional.of(p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith("." + ext) ? p
                : p.resolveSibling(p.getFileName() + "." + ext));
    }

    @Override
    public void onShow() {
        vm.updateCommands();
        vm.refresh();
    }

    @Override
    public void onHide() {
        // nothing live: the table reloads on show
    }
}
