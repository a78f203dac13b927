package io.plantconsole.telemetry.view;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.Tile.SkinType;
import eu.hansolo.tilesfx.TileBuilder;
import io.plantconsole.ui.FxPulse;
import io.plantconsole.ui.ViewLifecycle;
import io.plantconsole.telemetry.view.OverviewViewModel.AreaSection;
import io.plantconsole.telemetry.view.OverviewViewModel.TileModel;
import io.plantconsole.telemetry.view.OverviewViewModel.TileState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Overview screen: a TilesFX spark-line tile per channel, in a section per area. Tiles are built once; while shown,
 * they update at {@link FxPulse#TILES_HZ} (2 Hz) from the hub's latest-value map. Clicking a tile or an area header
 * drills down to Trends with that area's pens. FX thread.
 */
public final class OverviewController implements ViewLifecycle {
    /** Sparkline length in points: one minute at 2 Hz. */
    static final int SPARKLINE_POINTS = 120;
    /** FX-thread time per frame spent filling sparklines from history when the screen is shown. */
    private static final long PRIME_BUDGET_NANOS = 6_000_000;
    private static final double TILE_WIDTH = 232;
    private static final double TILE_HEIGHT = 148;
    private static final PseudoClass ABNORMAL = PseudoClass.getPseudoClass("abnormal");

    private final OverviewViewModel vm;
    private final Consumer<String> showAreaTrends;
    private final FxPulse pulse;
    private final Map<String, TileFrame> frames = new LinkedHashMap<>();
    private final List<Runnable> updaters = new ArrayList<>();
    private final java.util.Set<String> primed = new java.util.HashSet<>();
    private final java.util.Set<String> attempted = new java.util.HashSet<>();
    private final javafx.animation.AnimationTimer primer = new javafx.animation.AnimationTimer() {
        @Override
        public void handle(long now) {
            primeSparklines();
        }
    };

    @FXML private VBox sectionsBox;
    @FXML private Label plantSummaryLabel;

    /**
     * @param vm             the screen's state
     * @param showAreaTrends opens Trends with an area's pens (drill-down)
     */
    public OverviewController(OverviewViewModel vm, Consumer<String> showAreaTrends) {
        this.vm = vm;
        this.showAreaTrends = showAreaTrends;
        this.pulse = new FxPulse("overview tiles", FxPulse.TILES_HZ, this::onPulse);
    }

    public OverviewViewModel viewModel() {
        return vm;
    }

    /** The frame around a channel's tile. */
    public TileFrame tileFrame(String channelId) {
        return frames.get(channelId);
    }

    @FXML
    private void initialize() {
        plantSummaryLabel.textProperty().bind(vm.summaryProperty());
        vm.worstProperty().addListener((o, a, w) -> plantSummaryLabel.pseudoClassStateChanged(ABNORMAL,
                w.flagged()));
        plantSummaryLabel.pseudoClassStateChanged(ABNORMAL, vm.worstProperty().get().flagged());
        for (AreaSection section : vm.sections()) {
            sectionsBox.getChildren().add(buildSection(section));
        }
        applyStates();
    }

    private VBox buildSection(AreaSection section) {
        Label title = new Label(section.area().toUpperCase(Locale.ROOT));
        title.getStyleClass().add("section-title");
        Label summary = new Label();
        summary.getStyleClass().add("section-summary");
        summary.textProperty().bind(section.summaryProperty());
        section.worstProperty().addListener((o, a, w) -> summary.pseudoClassStateChanged(ABNORMAL, w.flagged()));
        summary.pseudoClassStateChanged(ABNORMAL, section.worstProperty().get().flagged());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button trends = new Button("Open trends");
        trends.getStyleClass().add("link-button");
        trends.setId("trends-" + section.area().replaceAll("\\W+", "-"));
        trends.setOnAction(e -> showAreaTrends.accept(section.area()));
        HBox header = new HBox(title, summary, spacer, trends);
        header.getStyleClass().add("section-header");
        header.setCursor(Cursor.HAND);
        header.setOnMouseClicked(e -> showAreaTrends.accept(section.area()));

        FlowPane tiles = new FlowPane();
        tiles.getStyleClass().add("tile-flow");
        for (TileModel m : section.tiles()) {
            tiles.getChildren().add(buildTile(section.area(), m));
        }
        VBox box = new VBox(header, tiles);
        box.getStyleClass().add("area-section");
        return box;
    }

    private TileFrame buildTile(String area, TileModel m) {
        var c = m.channel();
        Tile tile = TileBuilder.create()
                .skinType(SkinType.SPARK_LINE)
                .prefSize(TILE_WIDTH, TILE_HEIGHT)
                .title(c.name())
                .unit(c.unit())
                .minValue(c.rangeLow())
                .maxValue(c.rangeHigh())
                .decimals(m.decimals())
                .tickLabelDecimals(m.decimals())
                .averagingPeriod(SPARKLINE_POINTS)
                .averageVisible(false)
                .smoothing(false)
                .animated(false)
                .text(m.normalBand())
                .textVisible(true)
                .roundedCorners(false)
                .textSize(Tile.TextSize.BIGGER)
                .locale(Locale.ROOT)
                .build();
        TileFrame frame = new TileFrame(tile);
        frame.setId("tile-" + c.id().replaceAll("[^A-Za-z0-9_-]", "-"));
        frame.setCursor(Cursor.HAND);
        frame.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                showAreaTrends.accept(area);
            }
        });
        Tooltip.install(frame, new Tooltip(c.area() + " · " + c.equipment() + "\n" + c.name() + " (" + c.id()
                + ")\n" + m.normalBand() + "\nClick for this area's trends"));
        frames.put(c.id(), frame);
        tile.valueVisibleProperty().bind(m.stateProperty().isNotEqualTo(TileState.NO_DATA));
        String id = c.id();
        updaters.add(() -> {
            frame.setState(m.state());
            if (!m.hasFreshValue()) {
                return;
            }
            if (primed.contains(id)) {
                push(tile, m.value());
            } else if (attempted.contains(id)) {
                prime(id, tile); // its first data arrived after the screen was shown
            } else {
                tile.setValue(m.value()); // the primer has not reached this tile yet: show the value, not 0
            }
        });
        return frame;
    }

    private void onPulse() {
        vm.refresh();
        applyStates();
    }

    private void applyStates() {
        for (Runnable r : updaters) {
            r.run();
        }
    }

    @Override
    public void onShow() {
        primed.clear();
        attempted.clear();
        pulse.start();
        primer.start();
    }

    /**
     * Fills the sparklines with the last minute from the hub once their skins exist (values set before a skin is
     * created are lost), so a shown screen starts with real history instead of a flat line. Runs once per frame
     * with a small time budget until every tile was tried, so even a big plant never stalls the FX thread; a tile
     * whose channel had no data yet is filled by the pulse when its first value arrives.
     */
    private void primeSparklines() {
        long start = System.nanoTime();
        boolean pending = false;
        for (Map.Entry<String, TileFrame> e : frames.entrySet()) {
            if (attempted.contains(e.getKey())) {
                continue;
            }
            if (System.nanoTime() - start > PRIME_BUDGET_NANOS || e.getValue().tile().getSkin() == null) {
                pending = true;
                continue;
            }
            attempted.add(e.getKey());
            prime(e.getKey(), e.getValue().tile());
        }
        if (!pending) {
            primer.stop();
        }
    }

    private void prime(String id, Tile tile) {
        double[] seed = vm.sparklineSeed(id, SPARKLINE_POINTS, Math.round(1000 / FxPulse.TILES_HZ));
        if (seed.length == 0) {
            return;
        }
        for (double v : seed) {
            push(tile, v);
        }
        primed.add(id);
    }

    /**
     * Adds one point to a spark-line tile. TilesFX adds a point only when the value changes, so an unchanged value
     * is nudged by one ulp (invisible at any shown precision): every tick then adds exactly one point and the
     * sparkline keeps a true time scale (one point per tick).
     */
    static void push(Tile tile, double v) {
        tile.setValue(v == tile.getValue() ? Math.nextUp(v) : v);
    }

    @Override
    public void onHide() {
        pulse.stop();
        primer.stop();
    }

    /** The pulse driving this view (for tests and the self-test). */
    public FxPulse pulse() {
        return pulse;
    }
}
