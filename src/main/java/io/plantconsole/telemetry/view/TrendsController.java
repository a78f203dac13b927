package io.plantconsole.telemetry.view;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.plantconsole.telemetry.view.trend.PenListEntry;
import io.plantconsole.telemetry.view.trend.TimeWindow;
import io.plantconsole.telemetry.view.trend.TrendChart;
import io.plantconsole.telemetry.view.trend.TrendCursorPlugin;
import io.plantconsole.ui.FxPulse;
import io.plantconsole.ui.PngExport;
import io.plantconsole.ui.ViewLifecycle;
import io.plantconsole.ui.task.TaskLane;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * Trends screen: the pen list on the left, a toolbar (live/pause, time window, range, exports), a notice bar, and
 * the {@link TrendChart} control with its legend. The controller binds; {@link TrendsViewModel} decides, the chart
 * draws and feeds itself at {@link FxPulse#TRENDS_HZ} while the screen is shown. Exports run as named tasks on the
 * exports lane ({@link TrendExport}). FX thread throughout.
 */
public final class TrendsController implements ViewLifecycle {
    private static final PseudoClass LIVE = PseudoClass.getPseudoClass("live");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final Duration MESSAGE_TIME = Duration.seconds(10);
    /** How to work the chart (tooltip of the range label). */
    static final String CHART_HELP = "Drag: zoom in · Right-click: zoom out · Scroll: zoom · "
            + "Shift-drag or middle-drag: pan · Zooming or panning pauses live mode; Resume live follows now again";
    /** Shown over the chart while no pen is chosen. */
    static final String NO_PENS = "No pens chosen. Tick channels in the pen list, or use Trend area.";

    private final TrendsViewModel vm;
    private final TrendChart trendChart;
    private final TrendExport exports;
    private final PauseTransition messageTimer = new PauseTransition(MESSAGE_TIME);
    private final ToggleGroup windowGroup = new ToggleGroup();

    @FXML private VBox chartPanel;
    @FXML private TextField penFilterField;
    @FXML private ComboBox<String> areaFilterBox;
    @FXML private ListView<PenListEntry> penListView;
    @FXML private Label selectionSummaryLabel;
    @FXML private ToggleButton liveToggle;
    @FXML private HBox windowButtons;
    @FXML private Label rangeLabel;
    @FXML private HBox messageBar;
    @FXML private Label messageLabel;
    @FXML private Button exportCsvButton;
    @FXML private Button exportPngButton;

    /**
     * @param vm         the screen's state
     * @param exportDir  where CSV and PNG exports go
     * @param exportLane the task lane that writes export files
     */
    public TrendsController(TrendsViewModel vm, Path exportDir, TaskLane exportLane) {
        this.vm = vm;
        this.trendChart = new TrendChart(vm.chart());
        this.exports = new TrendExport(vm, exportLane, exportDir);
    }

    public TrendsViewModel viewModel() {
        return vm;
    }

    /** The trend chart control. */
    public TrendChart trendChart() {
        return trendChart;
    }

    /** The ChartFX chart (built once). */
    public XYChart chart() {
        return trendChart.chart();
    }

    /** The chart's data set of a channel, created when the channel was first shown. */
    public DoubleDataSet dataSet(String channelId) {
        return trendChart.dataSet(channelId);
    }

    /** The cursor plugin (tests and screenshots place it with {@link TrendCursorPlugin#showAt}). */
    public TrendCursorPlugin cursor() {
        return trendChart.cursor();
    }

    /** Drill-down: shows the area's pens, live. */
    public void showArea(String area) {
        vm.showArea(area);
    }

    /** Whether some pen's data set holds at least {@code minPoints} points (live data reached the chart). */
    public boolean showsLiveData(int minPoints) {
        return trendChart.showsLiveData(minPoints);
    }

    /** The pulse driving this view (for tests and the self-test). */
    public FxPulse pulse() {
        return trendChart.pulse();
    }

    @FXML
    private void initialize() {
        trendChart.setPlaceholderText(NO_PENS);
        VBox.setVgrow(trendChart, Priority.ALWAYS);
        chartPanel.getChildren().add(trendChart);
        bindPenPanel();
        bindToolbar();
        messageTimer.setOnFinished(e -> vm.dismissMessage());
    }

    private void bindPenPanel() {
        penFilterField.textProperty().bindBidirectional(vm.filterTextProperty());
        List<String> areaItems = new ArrayList<>();
        areaItems.add(null);
        areaItems.addAll(vm.areas());
        areaFilterBox.getItems().setAll(areaItems);
        areaFilterBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(String area) {
                return area == null ? "All areas" : area;
            }

            @Override
            public String fromString(String s) {
                return "All areas".equals(s) ? null : s;
            }
        });
        areaFilterBox.setButtonCell(new AreaCell());
        areaFilterBox.setCellFactory(lv -> new AreaCell());
        areaFilterBox.valueProperty().bindBidirectional(vm.areaFilterProperty());
        penListView.setItems(vm.penList());
        penListView.setCellFactory(lv -> new PenListCell(vm));
        selectionSummaryLabel.textProperty().bind(vm.selectionSummaryProperty());
    }

    private static final class AreaCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item == null ? "All areas" : item);
        }
    }

    private void bindToolbar() {
        for (TimeWindow w : TimeWindow.values()) {
            ToggleButton b = new ToggleButton(w.label());
            b.setUserData(w);
            b.setToggleGroup(windowGroup);
            b.getStyleClass().add("segment");
            b.setId("window-" + w.name());
            b.setOnAction(e -> onChooseWindow(w));
            windowButtons.getChildren().add(b);
        }
        syncWindowButtons();
        vm.windowProperty().addListener((o, a, b) -> syncWindowButtons());

        liveToggle.setSelected(vm.isLive());
        liveToggle.textProperty().bind(Bindings.when(vm.liveProperty()).then("Pause").otherwise("Resume live"));
        vm.liveProperty().addListener((o, a, live) -> {
            liveToggle.setSelected(live);
            rangeLabel.pseudoClassStateChanged(LIVE, live);
        });
        rangeLabel.pseudoClassStateChanged(LIVE, vm.isLive());
        rangeLabel.textProperty().bind(vm.rangeTextProperty());
        rangeLabel.setTooltip(new Tooltip(CHART_HELP));

        messageLabel.textProperty().bind(vm.messageProperty());
        messageBar.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        messageBar.managedProperty().bind(messageBar.visibleProperty());
        messageBar.pseudoClassStateChanged(ERROR, vm.messageIsErrorProperty().get());
        vm.messageIsErrorProperty().addListener((o, a, b) -> messageBar.pseudoClassStateChanged(ERROR, b));
        vm.messageProperty().addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                messageTimer.playFromStart();
            }
        });
        exportCsvButton.disableProperty().bind(exports.busyProperty());
        exportPngButton.disableProperty().bind(exports.busyProperty());
    }

    private void syncWindowButtons() {
        windowGroup.getToggles().forEach(t -> t.setSelected(t.getUserData() == vm.window()));
    }

    @FXML
    private void onToggleLive() {
        vm.toggleLive();
    }

    private void onChooseWindow(TimeWindow w) {
        vm.chooseWindow(w);
        syncWindowButtons();
    }

    @FXML
    private void onClearPens() {
        vm.clearPens();
    }

    @FXML
    private void onDismissMessage() {
        vm.dismissMessage();
    }

    @FXML
    private void onExportCsv() {
        exports.csv();
    }

    @FXML
    private void onExportPng() {
        WritableImage image = chartPanel.snapshot(new SnapshotParameters(), null);
        exports.png(file -> PngExport.write(image, file));
    }

    @Override
    public void onShow() {
        trendChart.start();
    }

    @Override
    public void onHide() {
        trendChart.stop();
    }

    @Override
    public void dispose() {
        onHide();
        messageTimer.stop();
    }
}
