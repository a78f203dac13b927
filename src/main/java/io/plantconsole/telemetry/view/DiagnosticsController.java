package io.plantconsole.telemetry.view;

import io.plantconsole.ui.FxPulse;
import io.plantconsole.ui.ViewLifecycle;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.view.DiagnosticsViewModel.CauseRow;
import io.plantconsole.telemetry.view.DiagnosticsViewModel.ChannelRow;
import io.plantconsole.telemetry.view.DiagnosticsViewModel.ExampleRow;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * Diagnostics screen: ingest counters, rejected input per cause with recent examples, per-channel counters.
 * Refresh: {@link FxPulse#DIAGNOSTICS_HZ} (1 Hz) while shown. FX thread.
 */
public final class DiagnosticsController implements ViewLifecycle {
    private static final PseudoClass ABNORMAL = PseudoClass.getPseudoClass("abnormal");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass BAD = PseudoClass.getPseudoClass("bad");
    private static final PseudoClass NONZERO = PseudoClass.getPseudoClass("nonzero");

    private final DiagnosticsViewModel vm;
    private final FxPulse pulse;

    @FXML private Label updatedAtLabel;
    @FXML private Label receivedValue;
    @FXML private Label processedValue;
    @FXML private Label rateValue;
    @FXML private Label queueValue;
    @FXML private Label acceptedValue;
    @FXML private Label badValue;
    @FXML private Label droppedValue;
    @FXML private VBox badCard;
    @FXML private VBox droppedCard;
    @FXML private TableView<CauseRow> causesTable;
    @FXML private TableColumn<CauseRow, String> causeColumn;
    @FXML private TableColumn<CauseRow, String> causeCountColumn;
    @FXML private TableView<ExampleRow> examplesTable;
    @FXML private TableColumn<ExampleRow, String> exampleTimeColumn;
    @FXML private TableColumn<ExampleRow, String> exampleCauseColumn;
    @FXML private TableColumn<ExampleRow, String> exampleTopicColumn;
    @FXML private TableColumn<ExampleRow, String> exampleDetailColumn;
    @FXML private TableView<ChannelRow> channelsTable;
    @FXML private TableColumn<ChannelRow, String> channelNameColumn;
    @FXML private TableColumn<ChannelRow, String> channelIdColumn;
    @FXML private TableColumn<ChannelRow, String> channelAreaColumn;
    @FXML private TableColumn<ChannelRow, String> channelReceivedColumn;
    @FXML private TableColumn<ChannelRow, String> channelRejectedColumn;
    @FXML private TableColumn<ChannelRow, String> channelLastArrivalColumn;
    @FXML private TableColumn<ChannelRow, String> channelLastValueColumn;
    @FXML private TableColumn<ChannelRow, String> channelQualityColumn;

    public DiagnosticsController(DiagnosticsViewModel vm) {
        this.vm = vm;
        this.pulse = new FxPulse("diagnostics", FxPulse.DIAGNOSTICS_HZ, vm::refresh);
    }

    public DiagnosticsViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        updatedAtLabel.textProperty().bind(vm.updatedAtProperty());
        receivedValue.textProperty().bind(vm.messagesReceivedProperty());
        processedValue.textProperty().bind(vm.messagesProcessedProperty());
        rateValue.textProperty().bind(vm.messageRateProperty());
        queueValue.textProperty().bind(vm.queueDepthProperty());
        acceptedValue.textProperty().bind(vm.acceptedSamplesProperty());
        badValue.textProperty().bind(vm.badTotalProperty());
        droppedValue.textProperty().bind(vm.droppedProperty());
        vm.anyBadProperty().addListener((o, a, b) -> badCard.pseudoClassStateChanged(ABNORMAL, b));
        vm.anyDroppedProperty().addListener((o, a, b) -> droppedCard.pseudoClassStateChanged(ABNORMAL, b));
        badCard.pseudoClassStateChanged(ABNORMAL, vm.anyBadProperty().get());
        droppedCard.pseudoClassStateChanged(ABNORMAL, vm.anyDroppedProperty().get());

        causesTable.setItems(vm.causes());
        causeColumn.setCellValueFactory(c -> constant(c.getValue().label()));
        causeCountColumn.setCellValueFactory(c -> c.getValue().countTextProperty());
        causesTable.setRowFactory(t -> new CauseTableRow());
        causesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        examplesTable.setItems(vm.examples());
        exampleTimeColumn.setCellValueFactory(c -> constant(c.getValue().time()));
        exampleCauseColumn.setCellValueFactory(c -> constant(c.getValue().cause()));
        exampleTopicColumn.setCellValueFactory(c -> constant(c.getValue().topic()));
        exampleDetailColumn.setCellValueFactory(c -> constant(c.getValue().detail()));
        examplesTable.setPlaceholder(new Label("No rejected input since start."));
        examplesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        channelsTable.setItems(vm.channels());
        channelNameColumn.setCellValueFactory(c -> constant(c.getValue().name()));
        channelIdColumn.setCellValueFactory(c -> constant(c.getValue().id()));
        channelAreaColumn.setCellValueFactory(c -> constant(c.getValue().area()));
        channelReceivedColumn.setCellValueFactory(c -> c.getValue().receivedProperty());
        channelRejectedColumn.setCellValueFactory(c -> c.getValue().rejectedProperty());
        channelLastArrivalColumn.setCellValueFactory(c -> c.getValue().lastArrivalProperty());
        channelLastValueColumn.setCellValueFactory(c -> c.getValue().lastValueProperty());
        channelQualityColumn.setCellValueFactory(c -> c.getValue().qualityTextProperty());
        channelQualityColumn.setCellFactory(col -> new QualityCell());
        channelsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    private static ObservableValue<String> constant(String s) {
        return new ReadOnlyStringWrapper(s).getReadOnlyProperty();
    }

    /** A cause row: {@code :nonzero} once that cause was counted. */
    private static final class CauseTableRow extends TableRow<CauseRow> {
        private final javafx.beans.value.ChangeListener<Number> listener =
                (o, a, b) -> pseudoClassStateChanged(NONZERO, b.longValue() > 0);
        private CauseRow watched;

        @Override
        protected void updateItem(CauseRow item, boolean empty) {
            super.updateItem(item, empty);
            if (watched != null) {
                watched.countProperty().removeListener(listener);
                watched = null;
            }
            if (!empty && item != null) {
                watched = item;
                item.countProperty().addListener(listener);
            }
            pseudoClassStateChanged(NONZERO, watched != null && watched.count() > 0);
        }
    }

    /** Quality as a badge: text always, colour only when not good. */
    private static final class QualityCell extends TableCell<ChannelRow, String> {
        private final Label badge = new Label();

        QualityCell() {
            badge.getStyleClass().add("quality-badge");
            getStyleClass().add("quality-cell");
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            ChannelRow row = getTableRow() == null ? null : getTableRow().getItem();
            Quality q = row == null ? Quality.GOOD : row.qualityProperty().get();
            boolean noData = "NO DATA".equals(item);
            badge.setText(item);
            badge.pseudoClassStateChanged(STALE, q == Quality.STALE || noData);
            badge.pseudoClassStateChanged(BAD, q == Quality.BAD && !noData);
            setGraphic(badge);
        }
    }

    @Override
    public void onShow() {
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
