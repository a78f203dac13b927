package io.plantconsole.telemetry.view;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.axes.spi.format.DefaultTimeFormatter;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.locks.DefaultDataSetLock;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.plantconsole.kernel.util.CsvExport;
import io.plantconsole.ui.FxPulse;
import io.plantconsole.ui.PngExport;
import io.plantconsole.ui.ViewLifecycle;
import io.plantconsole.telemetry.view.TrendsViewModel.AreaHeader;
import io.plantconsole.telemetry.view.TrendsViewModel.Pen;
import io.plantconsole.telemetry.view.TrendsViewModel.PenListEntry;
import io.plantconsole.telemetry.view.TrendsViewModel.PenState;
import io.plantconsole.telemetry.view.TrendsViewModel.TimeWindow;
import io.plantconsole.telemetry.view.TrendsViewModel.UnitGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trends screen: one ChartFX chart built once and reused, one y axis per unit (alternating left/right), a local
 * time axis, pan and zoom (zooming or panning pauses live mode), a cursor reading every pen, CSV and PNG export.
 * Refresh: {@link FxPulse#TRENDS_HZ} while shown; each tick asks the view model, which reads the hub only when the
 * chart would move (see {@link TrendsViewModel#refreshIntervalMillis}). FX thread throughout, except the export
 * file writes, which run on the injected background executor.
 */
public final class TrendsController implements ViewLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TrendsController.class);
    private static final PseudoClass LIVE = PseudoClass.getPseudoClass("live");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final Duration MESSAGE_TIME = Duration.seconds(10);
    /** How to work the chart (tooltip of the range label). */
    static final String CHART_HELP = "Drag: zoom in · Right-click: zoom out · Scroll: zoom · "
            + "Shift-drag or middle-drag: pan · Zooming or panning pauses live mode; Resume live follows now again";

    private final TrendsViewModel vm;
    private final Path exportDir;
    private final Executor background;
    private final FxPulse pulse;
    private final Map<String, DoubleDataSet> dataSets = new HashMap<>();
    private final List<DefaultNumericAxis> yAxes = new ArrayList<>();
    private final List<ErrorDataSetRenderer> renderers = new ArrayList<>();
    private final Map<Pen, ChangeListener<PenState>> stateListeners = new HashMap<>();
    private final List<Runnable> legendCleanup = new ArrayList<>();
    private final PauseTransition messageTimer = new PauseTransition(MESSAGE_TIME);

    @FXML private VBox chartPanel;
    @FXML private StackPane chartHolder;
    @FXML private Label emptyChartLabel;
    @FXML private FlowPane legendPane;
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

    private XYChart chart;
    private DefaultNumericAxis timeAxis;
    private Zoomer zoomer;
    private TrendCursorPlugin cursor;
    private final ToggleGroup windowGroup = new ToggleGroup();
    private boolean applyingRange;
    private boolean dataPending;
    private boolean showing;

    /**
     * @param vm         the screen's state
     * @param exportDir  where CSV and PNG exports go
     * @param background runs export file writes off the FX thread
     */
    public TrendsController(TrendsViewModel vm, Path exportDir, Executor background) {
        this.vm = vm;
        this.exportDir = exportDir;
        this.background = background;
        this.pulse = new FxPulse("trends", FxPulse.TRENDS_HZ, this::onPulse);
    }

    public TrendsViewModel viewModel() {
        return vm;
    }

    /** The chart (built once). */
    public XYChart chart() {
        return chart;
    }

    /** The chart's data set of a channel, created when the channel was first shown. */
    public DoubleDataSet dataSet(String channelId) {
        return dataSets.get(channelId);
    }

    /** The cursor plugin (tests and screenshots place it with {@link TrendCursorPlugin#showAt}). */
    public TrendCursorPlugin cursor() {
        return cursor;
    }

    /** Drill-down: shows the area's pens, live. */
    public void showArea(String area) {
        vm.showArea(area);
    }

    /** Whether some pen's data set holds at least {@code minPoints} points (live data reached the chart). */
    public boolean showsLiveData(int minPoints) {
        for (Pen p : vm.selectedPens()) {
            DoubleDataSet ds = dataSets.get(p.id());
            if (ds != null && ds.getDataCount() >= minPoints && p.finitePoints() >= minPoints) {
                return true;
            }
        }
        return false;
    }

    @FXML
    private void initialize() {
        buildChart();
        bindPenPanel();
        bindToolbar();
        vm.selectedPens().addListener((ListChangeListener<Pen>) c -> rebuildPens());
        rebuildPens();
        messageTimer.setOnFinished(e -> vm.dismissMessage());
    }

    // ------------------------------------------------------------------ chart

    private void buildChart() {
        timeAxis = new DefaultNumericAxis("Local time");
        timeAxis.setUnit(null);
        timeAxis.setTimeAxis(true);
        timeAxis.setAnimated(false);
        timeAxis.setAutoRanging(false);
        timeAxis.setAutoRangeRounding(false);
        timeAxis.setOverlapPolicy(AxisLabelOverlapPolicy.SKIP_ALT);
        if (timeAxis.getAxisLabelFormatter() instanceof DefaultTimeFormatter f) {
            f.setTimeZoneOffset(vm.zone().getRules().getOffset(Instant.now()));
        }
        DefaultNumericAxis firstY = newYAxis();
        yAxes.add(firstY);
        chart = new XYChart(timeAxis, firstY);
        chart.getStyleClass().add("trend-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.getMenuPane().setTop(null);
        ErrorDataSetRenderer first = newRenderer(firstY);
        renderers.add(first);
        chart.getRenderers().setAll(first);

        zoomer = new Zoomer();
        zoomer.setAddButtonsToToolBar(false);
        zoomer.setSliderVisible(false);
        zoomer.setAnimated(false);
        zoomer.setPanMouseFilter(e -> (e.isMiddleButtonDown() || e.isPrimaryButtonDown() && e.isShiftDown()));
        zoomer.zoomStackDeque().addListener((ListChangeListener<Object>) c -> {
            if (!zoomer.zoomStackDeque().isEmpty()) {
                vm.pause();
            }
        });
        cursor = new TrendCursorPlugin(vm::moveCursor, vm::clearCursor, vm::cursorReadings,
                () -> vm.cursorTimeTextProperty().get());
        chart.getPlugins().addAll(zoomer, cursor);

        ChangeListener<Number> rangeListener = (o, a, b) -> {
            if (!applyingRange && !vm.isLive()) {
                vm.setViewRange(timeAxis.getMin(), timeAxis.getMax());
            }
        };
        timeAxis.minProperty().addListener(rangeListener);
        timeAxis.maxProperty().addListener(rangeListener);
        applyTimeRange();

        chartHolder.getChildren().add(0, chart);
        emptyChartLabel.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.selectedPens()));
    }

    private static DefaultNumericAxis newYAxis() {
        DefaultNumericAxis y = new DefaultNumericAxis("");
        y.setUnit(null);
        y.setAnimated(false);
        y.setAutoRanging(true);
        y.setAutoRangeRounding(false);
        y.setAutoRangePadding(0.05);
        y.setSide(Side.LEFT);
        return y;
    }

    private static ErrorDataSetRenderer newRenderer(DefaultNumericAxis y) {
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.getAxes().add(y);
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setDrawMarker(false);
        r.setAllowNaNs(true); // the hub puts a NaN across every gap: draw it as a gap, never bridge it
        r.setPointReduction(false); // the hub already min/max-decimates to about two points per pixel
        r.setShowInLegend(false);
        return r;
    }

    /** Matches axes, renderers and data sets to the chosen pens: one y axis per unit, sides alternating. */
    private void rebuildPens() {
        List<UnitGroup> groups = vm.unitGroups();
        int needed = Math.max(1, groups.size());
        while (yAxes.size() < needed) {
            DefaultNumericAxis y = newYAxis();
            yAxes.add(y);
            renderers.add(newRenderer(y));
        }
        List<io.fair_acc.chartfx.axes.Axis> axes = new ArrayList<>();
        axes.add(timeAxis);
        for (int i = 0; i < needed; i++) {
            DefaultNumericAxis y = yAxes.get(i);
            y.setSide(i % 2 == 0 ? Side.LEFT : Side.RIGHT);
            y.setName(i < groups.size() ? axisLabel(groups.get(i)) : "");
            axes.add(y);
            List<io.fair_acc.dataset.DataSet> sets = new ArrayList<>();
            if (i < groups.size()) {
                for (Pen p : groups.get(i).pens()) {
                    sets.add(dataSetFor(p));
                }
            }
            renderers.get(i).getDatasets().setAll(sets);
        }
        // Change the chart's lists only where they differ: a renderer removed and re-added in one change would
        // end up detached (ChartFX handles the additions of a change before its removals).
        syncList(chart.getRenderers(), renderers.subList(0, needed));
        syncList(chart.getAxes(), axes);
        for (Pen p : vm.pens()) {
            if (!p.isSelected() && stateListeners.containsKey(p)) {
                p.stateProperty().removeListener(stateListeners.remove(p));
            }
        }
        rebuildLegend();
    }

    private static <T> void syncList(javafx.collections.ObservableList<T> target, List<? extends T> wanted) {
        target.removeIf(t -> !wanted.contains(t));
        for (int i = 0; i < wanted.size(); i++) {
            T w = wanted.get(i);
            if (!target.contains(w)) {
                target.add(Math.min(i, target.size()), w);
            }
        }
    }

    private static String axisLabel(UnitGroup g) {
        return g.unit().isEmpty() ? "value" : g.unit();
    }

    private DoubleDataSet dataSetFor(Pen p) {
        DoubleDataSet ds = dataSets.computeIfAbsent(p.id(), id -> new DoubleDataSet(p.channel().name()));
        List<String> old = new ArrayList<>(ds.getStyleClasses());
        old.removeIf(c -> !(c.startsWith("pen-") || c.equals("stale")));
        if (!old.isEmpty()) {
            ds.removeStyleClasses(old.toArray(String[]::new));
        }
        ds.addStyleClasses("pen-" + p.slot());
        if (p.state() != PenState.LIVE) {
            ds.addStyleClasses("stale");
        }
        stateListeners.computeIfAbsent(p, pen -> {
            ChangeListener<PenState> l = (o, a, b) -> {
                if (b == PenState.LIVE) {
                    ds.removeStyleClasses("stale");
                } else if (!ds.getStyleClasses().contains("stale")) {
                    ds.addStyleClasses("stale");
                }
            };
            pen.stateProperty().addListener(l);
            return l;
        });
        return ds;
    }

    private void onPulse() {
        int width = (int) Math.round(chart.getCanvas().getWidth());
        if (vm.refresh(width)) {
            dataPending = true;
        }
        if (!dataPending || chartHoldsDataLocks()) {
            return;
        }
        for (Pen p : vm.selectedPens()) {
            DoubleDataSet ds = dataSets.get(p.id());
            if (ds != null) {
                ds.set(p.buffer().x(), p.buffer().y(), p.buffer().size(), true);
            }
        }
        dataPending = false;
        if (vm.isLive()) {
            applyTimeRange();
            applyYRanges();
        }
    }

    /** Live mode: each unit's axis gets the view model's stable, round range (zooming hands the axes to Zoomer). */
    private void applyYRanges() {
        List<UnitGroup> groups = vm.unitGroups();
        for (int i = 0; i < groups.size() && i < yAxes.size(); i++) {
            TrendsViewModel.AxisRange r = vm.yRange(groups.get(i));
            DefaultNumericAxis y = yAxes.get(i);
            y.setAutoRanging(false);
            if (y.getMin() != r.min() || y.getMax() != r.max()) {
                y.set(r.min(), r.max());
            }
        }
    }

    /**
     * Whether the chart holds its data sets' read locks right now. ChartFX read-locks every data set from its
     * pre-layout to its post-layout step; normally both run inside one pulse, but attaching the chart to a scene
     * (showing the screen) or a snapshot outside a pulse takes the locks until the next pulse's post-layout. A write
     * from the FX thread in that window would wait for itself forever, so the copy waits for the next tick instead.
     * Only the FX thread writes or locks these data sets, so the check cannot race.
     */
    private boolean chartHoldsDataLocks() {
        for (DoubleDataSet ds : dataSets.values()) {
            if (ds.lock() instanceof DefaultDataSetLock<?> lock && lock.getReaderCount() > 0) {
                return true;
            }
        }
        return false;
    }

    private void applyTimeRange() {
        applyingRange = true;
        try {
            timeAxis.setAutoRanging(false);
            timeAxis.set(vm.viewFrom(), vm.viewTo());
            timeAxis.forceRedraw();
        } finally {
            applyingRange = false;
        }
    }

    // ------------------------------------------------------------------ legend

    private void rebuildLegend() {
        legendCleanup.forEach(Runnable::run);
        legendCleanup.clear();
        List<Node> items = new ArrayList<>();
        for (Pen p : vm.selectedPens()) {
            items.add(legendItem(p));
        }
        legendPane.getChildren().setAll(items);
    }

    private Node legendItem(Pen p) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("pen-swatch", "pen-" + p.slot());
        Label name = new Label(p.channel().name());
        name.getStyleClass().add("legend-name");
        Label value = new Label();
        value.getStyleClass().add("legend-value");
        value.textProperty().bind(p.valueTextProperty());
        Label badge = new Label();
        badge.getStyleClass().add("quality-badge");
        Badges.show(badge, p.state());
        HBox item = new HBox(swatch, name, value, badge);
        item.getStyleClass().add("legend-item");
        item.pseudoClassStateChanged(STALE, p.state() != PenState.LIVE);
        ChangeListener<PenState> l = (o, a, b) -> {
            item.pseudoClassStateChanged(STALE, b != PenState.LIVE);
            Badges.show(badge, b);
        };
        p.stateProperty().addListener(l);
        legendCleanup.add(() -> {
            p.stateProperty().removeListener(l);
            value.textProperty().unbind();
        });
        Tooltip.install(item, new Tooltip(p.channel().area() + " · " + p.channel().equipment() + " · "
                + TelemetryFormat.normalBand(p.channel())));
        return item;
    }

    // ------------------------------------------------------------------ pen panel

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
        penListView.setCellFactory(lv -> new PenCell());
        selectionSummaryLabel.textProperty().bind(vm.selectionSummaryProperty());
    }

    private static final class AreaCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item == null ? "All areas" : item);
        }
    }

    /** One pen-list row: an area header with a "Trend area" action, or a pen with check box, colour and badge. */
    private final class PenCell extends ListCell<PenListEntry> {
        private final CheckBox check = new CheckBox();
        private final Region swatch = new Region();
        private final Label name = new Label();
        private final Label unit = new Label();
        private final Label badge = new Label();
        private final HBox penBox;
        private final Label areaName = new Label();
        private final Button showArea = new Button("Trend");
        private final HBox headerBox;
        private Pen pen;
        private final ChangeListener<Object> refresher = (o, a, b) -> refreshPen();

        PenCell() {
            getStyleClass().add("pen-cell");
            setPrefWidth(0); // never ask for more than the list is wide: long names shrink, units stay visible
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            swatch.getStyleClass().add("pen-swatch");
            name.getStyleClass().add("pen-name");
            unit.getStyleClass().add("pen-unit");
            badge.getStyleClass().add("quality-badge");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            name.setMaxWidth(Double.MAX_VALUE);
            name.setMinWidth(0);
            HBox.setHgrow(name, Priority.SOMETIMES);
            unit.setMinWidth(Region.USE_PREF_SIZE);
            badge.setMinWidth(Region.USE_PREF_SIZE);
            check.setMinWidth(Region.USE_PREF_SIZE);
            swatch.setMinWidth(Region.USE_PREF_SIZE);
            penBox = new HBox(check, swatch, name, spacer, badge, unit);
            penBox.getStyleClass().add("pen-row");
            check.setOnAction(e -> {
                if (pen != null) {
                    vm.setPenSelected(pen, check.isSelected());
                    check.setSelected(pen.isSelected());
                }
            });
            areaName.getStyleClass().add("pen-area-name");
            areaName.setMinWidth(0);
            showArea.setMinWidth(Region.USE_PREF_SIZE);
            showArea.getStyleClass().addAll("link-button");
            showArea.setOnAction(e -> {
                if (getItem() instanceof AreaHeader h) {
                    vm.showArea(h.area());
                }
            });
            showArea.setTooltip(new Tooltip("Put this area's pens on the chart"));
            Region hs = new Region();
            HBox.setHgrow(hs, Priority.ALWAYS);
            headerBox = new HBox(areaName, hs, showArea);
            headerBox.getStyleClass().add("pen-area-row");
            setOnMouseClicked(e -> {
                // a click anywhere on a pen row toggles it (the check box handles its own clicks)
                if (pen != null && e.getButton() == javafx.scene.input.MouseButton.PRIMARY
                        && !(e.getTarget() instanceof Node n && isInside(n, check))) {
                    vm.setPenSelected(pen, !pen.isSelected());
                    refreshPen();
                }
            });
        }

        private static boolean isInside(Node n, Node ancestor) {
            for (Node x = n; x != null; x = x.getParent()) {
                if (x == ancestor) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected void updateItem(PenListEntry item, boolean empty) {
            super.updateItem(item, empty);
            detach();
            getStyleClass().remove("pen-area-cell");
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                pseudoClassStateChanged(STALE, false);
                return;
            }
            if (item instanceof AreaHeader h) {
                getStyleClass().add("pen-area-cell");
                areaName.setText(h.area().toUpperCase(java.util.Locale.ROOT) + "  ·  " + h.channels());
                setGraphic(headerBox);
                pseudoClassStateChanged(STALE, false);
            } else if (item instanceof Pen p) {
                pen = p;
                name.setText(p.channel().name());
                unit.setText(p.channel().unit());
                p.selectedProperty().addListener(refresher);
                p.slotProperty().addListener(refresher);
                p.stateProperty().addListener(refresher);
                refreshPen();
                setGraphic(penBox);
            }
        }

        private void detach() {
            if (pen != null) {
                pen.selectedProperty().removeListener(refresher);
                pen.slotProperty().removeListener(refresher);
                pen.stateProperty().removeListener(refresher);
                pen = null;
            }
        }

        private void refreshPen() {
            if (pen == null) {
                return;
            }
            check.setSelected(pen.isSelected());
            swatch.getStyleClass().removeIf(c -> c.startsWith("pen-") && !c.equals("pen-swatch"));
            if (pen.isSelected()) {
                swatch.getStyleClass().add("pen-" + pen.slot());
            }
            swatch.setVisible(pen.isSelected());
            boolean flagged = pen.isSelected() && pen.state() != PenState.LIVE;
            Badges.show(badge, pen.isSelected() ? pen.state() : PenState.LIVE);
            pseudoClassStateChanged(STALE, flagged);
        }
    }

    // ------------------------------------------------------------------ toolbar

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
        liveToggle.textProperty().bind(javafx.beans.binding.Bindings.when(vm.liveProperty())
                .then("Pause").otherwise("Resume live"));
        vm.liveProperty().addListener((o, a, live) -> {
            liveToggle.setSelected(live);
            rangeLabel.pseudoClassStateChanged(LIVE, live);
            if (live) {
                resumeLiveAxes();
            }
        });
        rangeLabel.pseudoClassStateChanged(LIVE, vm.isLive());
        rangeLabel.textProperty().bind(vm.rangeTextProperty());
        rangeLabel.setTooltip(new Tooltip(CHART_HELP));

        messageLabel.textProperty().bind(vm.messageProperty());
        messageBar.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        messageBar.managedProperty().bind(messageBar.visibleProperty());
        vm.messageProperty().addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                messageTimer.playFromStart();
            }
        });
    }

    private void syncWindowButtons() {
        windowGroup.getToggles().forEach(t -> t.setSelected(t.getUserData() == vm.window()));
    }

    private void resumeLiveAxes() {
        zoomer.clear();
        applyTimeRange();
        applyYRanges();
    }

    @FXML
    private void onToggleLive() {
        if (vm.isLive()) {
            vm.pause();
        } else {
            vm.goLive();
        }
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
        CsvExport.Table table = vm.csvTable();
        Path file = exportDir.resolve(vm.exportFileName("csv"));
        runExport("CSV", file, () -> CsvExport.write(table, file));
    }

    @FXML
    private void onExportPng() {
        SnapshotParameters params = new SnapshotParameters();
        WritableImage image = chartPanel.snapshot(params, null);
        Path file = exportDir.resolve(vm.exportFileName("png"));
        runExport("PNG", file, () -> PngExport.write(image, file));
    }

    /** Something that writes a file. */
    @FunctionalInterface
    private interface FileWrite {
        void run() throws IOException;
    }

    private void runExport(String kind, Path file, FileWrite write) {
        exportCsvButton.setDisable(true);
        exportPngButton.setDisable(true);
        background.execute(() -> {
            String result;
            boolean ok;
            try {
                write.run();
                result = kind + " saved to " + file.toAbsolutePath();
                ok = true;
                LOG.info("Trends {} export written to {}", kind, file.toAbsolutePath());
            } catch (IOException | RuntimeException e) {
                result = kind + " export failed: " + e.getMessage();
                ok = false;
                LOG.warn("Trends {} export to {} failed", kind, file, e);
            }
            String text = result;
            boolean success = ok;
            Platform.runLater(() -> {
                exportCsvButton.setDisable(false);
                exportPngButton.setDisable(false);
                messageBar.pseudoClassStateChanged(ERROR, !success);
                vm.notifyUser(text);
            });
        });
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void onShow() {
        if (!showing) {
            showing = true;
            pulse.start();
        }
    }

    @Override
    public void onHide() {
        showing = false;
        pulse.stop();
        cursor.hide();
    }

    @Override
    public void dispose() {
        onHide();
        messageTimer.stop();
    }

    /** The pulse driving this view (for tests and the self-test). */
    public FxPulse pulse() {
        return pulse;
    }
}
