package io.plantconsole.telemetry.view.trend;

import static io.plantconsole.telemetry.view.TelemetryFixture.BEAN_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.DRUM_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.VIBRATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.plantconsole.app.shell.MainWindow;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.view.TelemetryFixture;
import io.plantconsole.telemetry.view.TelemetryFormat;
import io.plantconsole.telemetry.view.TestClock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The trend chart control on its own, fed frame by frame from a hub on a hand-moved clock: pens, axes, legend,
 * stale pens (dashed, badge, gap) and the cursor readout.
 */
@ExtendWith(ApplicationExtension.class)
class TrendChartFxTest {
    private static final long T0 = 1_714_566_000_000L; // 2024-05-01 12:20:00 UTC
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private TestClock clock;
    private TelemetryFixture plant;
    private TrendChartModel model;
    private TrendChart chart;

    @Start
    void start(Stage stage) {
        clock = new TestClock(T0, ZONE);
        plant = new TelemetryFixture(clock);
        for (var c : plant.catalogue.channels()) {
            plant.hub.accept(c.id(), T0 - 7_200_000, c.normalLow(), Quality.GOOD, 0);
        }
        model = new TrendChartModel(plant.hub, new TelemetryFormat(ZONE));
        model.selection().selectOnly(plant.catalogue.inArea("Roasting"));
        chart = new TrendChart(model);
        StackPane root = new StackPane(chart);
        root.getStyleClass().add("screen");
        Scene scene = new Scene(root, 1000, 600);
        scene.getStylesheets().addAll(MainWindow.stylesheetUrls());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(chart::stop);
        plant.close();
    }

    /** Feeds the chart until one frame wrote its data sets (the first frames after show may wait for the locks). */
    private void frame(FxRobot robot) throws Exception {
        AtomicBoolean written = new AtomicBoolean();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            robot.interact(() -> written.set(chart.refresh()));
            return written.get();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void roast(int samples) {
        for (int i = 0; i < samples; i++) {
            plant.accept(BEAN_TEMP, 120 + i * 0.1);
            plant.accept(DRUM_TEMP, 190);
            plant.accept(VIBRATION, 3);
            clock.advance(100);
        }
    }

    @Test
    void everyPenIsDrawnInItsColourWithOneAxisPerUnitAndALegendEntry(FxRobot robot) throws Exception {
        roast(50);
        frame(robot);

        for (String id : List.of(BEAN_TEMP, DRUM_TEMP, VIBRATION)) {
            assertThat(chart.dataSet(id).getDataCount()).as(id).isGreaterThanOrEqualTo(50);
        }
        assertThat(chart.dataSet(BEAN_TEMP).getStyleClasses()).contains("pen-0").doesNotContain("stale");
        assertThat(chart.dataSet(VIBRATION).getStyleClasses()).contains("pen-2");
        assertThat(chart.chart().getAxes().stream().filter(a -> a.getSide().isVertical())
                .map(a -> a.getName() + "@" + a.getSide())).containsExactly("°C@LEFT", "mm/s@RIGHT");
        assertThat(chart.chart().getXAxis().getMax()).isEqualTo(clock.millis() / 1000.0);
        assertThat(chart.showsLiveData(5)).isTrue();
        assertThat(robot.lookup(".trend-chart-view .legend-item").queryAll()).hasSize(3);
        assertThat(robot.lookup(".legend-value").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("124.9 °C", "190.0 °C", "3.0 mm/s");
        assertThat(robot.lookup(".empty-state").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void aSilentChannelIsDashedBadgedAndBrokenByAGap(FxRobot robot) throws Exception {
        roast(50);
        frame(robot);
        for (int i = 0; i < 100; i++) { // the vibration goes quiet for 10 s
            plant.accept(BEAN_TEMP, 125);
            plant.accept(DRUM_TEMP, 190);
            clock.advance(100);
        }
        frame(robot);

        assertThat(model.selection().pen(VIBRATION).state()).isEqualTo(PenState.STALE);
        assertThat(chart.dataSet(VIBRATION).getStyleClasses()).contains("stale");
        assertThat(robot.lookup(".legend-item .quality-badge").queryAllAs(Label.class))
                .anyMatch(b -> b.isVisible() && "STALE".equals(b.getText()));
        assertThat(robot.lookup(".legend-item").<javafx.scene.Node>queryAll())
                .filteredOn(n -> n.getPseudoClassStates().contains(PseudoClass.getPseudoClass("stale"))).hasSize(1);

        plant.accept(VIBRATION, 4); // it comes back: a gap, not a bridge, between the old and the new samples
        clock.advance(1000); // a live chart reads at least once a second
        frame(robot);
        DoubleDataSet vib = chart.dataSet(VIBRATION);
        boolean gap = false;
        for (int i = 0; i < vib.getDataCount(); i++) {
            gap |= Double.isNaN(vib.get(DataSet.DIM_Y, i));
        }
        assertThat(gap).as("a NaN break across the silence").isTrue();
        assertThat(vib.get(DataSet.DIM_Y, vib.getDataCount() - 1)).isEqualTo(4.0);
    }

    @Test
    void theCursorReadsEveryPenAtItsTime(FxRobot robot) throws Exception {
        roast(50);
        frame(robot);

        robot.interact(() -> chart.cursor().showAt(chart.chart().getCanvas().getWidth()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(chart.cursor().isShowing()).isTrue();
        assertThat(robot.lookup(".trend-cursor-row").queryAll()).hasSize(3);
        assertThat(robot.lookup(".trend-cursor-time").queryAs(Label.class).getText()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(robot.lookup(".trend-cursor-value").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("124.9 °C", "190.0 °C", "3.0 mm/s");

        robot.interact(() -> chart.cursor().hide());
        assertThat(model.cursor().isActive()).isFalse();
        assertThat(robot.lookup(".trend-cursor-row").queryAll()).isEmpty();
    }

    @Test
    void withoutPensThePlaceholderShowsAndTheLegendIsEmpty(FxRobot robot) throws Exception {
        robot.interact(() -> {
            chart.setPlaceholderText("Nothing to trend");
            model.selection().clear();
        });

        assertThat(robot.lookup(".empty-state").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup(".empty-state").queryAs(Label.class).getText()).isEqualTo("Nothing to trend");
        assertThat(robot.lookup(".legend-item").queryAll()).isEmpty();
        assertThat(chart.chart().getAllDatasets()).isEmpty();
    }

    @Test
    void theFeedRunsOnlyBetweenStartAndStop(FxRobot robot) {
        robot.interact(chart::start);
        assertThat(chart.pulse().isRunning()).isTrue();
        robot.interact(chart::stop);
        assertThat(chart.pulse().isRunning()).isFalse();
        assertThat(chart.getStylesheets()).anyMatch(s -> s.endsWith(TrendChart.STYLESHEET.substring(1)));
    }
}
