package io.plantconsole.telemetry.view;

import static io.plantconsole.telemetry.view.TelemetryFixture.BEAN_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.DRUM_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.VIBRATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.plantconsole.app.shell.ControllerFactory;
import io.plantconsole.app.shell.MainWindow;
import io.plantconsole.app.shell.UiServices;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.view.trend.PenState;
import io.plantconsole.telemetry.view.trend.TimeWindow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Trends fed live by a thread that writes into the hub as the telemetry thread would. */
@ExtendWith(ApplicationExtension.class)
class TrendsFxTest {
    /**
     * Points that prove live data arrived. Right after start the hub answers a 10-minute window from its 1-second
     * min/max tier (the window reaches back before the oldest native sample), so a few seconds give a few points.
     */
    private static final int LIVE_POINTS = TrendsViewModel.LIVE_DATA_MIN_POINTS;
    private TelemetryFixture plant;
    private ControllerFactory factory;
    private TrendsController trends;
    private Path exportDir;
    private Thread feeder;
    private volatile boolean feeding = true;
    private volatile boolean feedVibration = true;

    @Start
    void start(Stage stage) throws Exception {
        plant = new TelemetryFixture(Clock.systemDefaultZone());
        exportDir = Files.createTempDirectory("pc-trends");
        factory = ControllerFactory.standard(
                io.plantconsole.testing.TestUi.services(plant.hub, plant.pipeline, plant.source, plant.clock, exportDir));
        ControllerFactory.Loaded<TrendsController> loaded = factory.load("/fxml/telemetry/Trends.fxml");
        trends = loaded.controller();
        Scene scene = new Scene(loaded.root(), 1280, 760);
        scene.getStylesheets().addAll(MainWindow.stylesheetUrls());
        stage.setScene(scene);
        stage.show();
        trends.onShow();
        feeder = new Thread(this::feed, "test-feed");
        feeder.setDaemon(true);
        feeder.start();
    }

    private void feed() {
        long n = 0;
        while (feeding) {
            long t = plant.clock.millis();
            double phase = n / 25.0;
            plant.hub.accept(BEAN_TEMP, t, 120 + 8 * Math.sin(phase), Quality.GOOD, System.nanoTime());
            plant.hub.accept(DRUM_TEMP, t, 190 + 15 * Math.cos(phase), Quality.GOOD, System.nanoTime());
            if (feedVibration) {
                plant.hub.accept(VIBRATION, t, 3 + Math.sin(phase * 3), Quality.GOOD, System.nanoTime());
            }
            n++;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @AfterEach
    void tearDown(FxRobot robot) throws Exception {
        feeding = false;
        feeder.join(1000);
        robot.interact(() -> trends.dispose());
        factory.close();
        plant.close();
    }

    @Test
    void trendsShowLiveDataFedByAThread() throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> trends.showsLiveData(LIVE_POINTS));

        DoubleDataSet bean = trends.dataSet(BEAN_TEMP);
        double now = plant.clock.millis() / 1000.0;
        assertThat(bean.getDataCount()).isGreaterThanOrEqualTo(LIVE_POINTS);
        assertThat(bean.get(DataSet.DIM_X, bean.getDataCount() - 1)).isBetween(now - 5, now + 1);
        assertThat(trends.chart().getXAxis().getMax()).isBetween(now - 5, now + 1);
        assertThat(trends.chart().getXAxis().getMax() - trends.chart().getXAxis().getMin())
                .isEqualTo(600, org.assertj.core.data.Offset.offset(0.01));
        assertThat(trends.viewModel().pen(BEAN_TEMP).valueText()).endsWith("°C");
    }

    @Test
    void oneYAxisPerUnitOnAlternatingSides() {
        List<String> names = trends.chart().getAxes().stream()
                .filter(a -> a.getSide().isVertical())
                .map(a -> a.getName() + "@" + a.getSide())
                .toList();
        assertThat(names).containsExactly("°C@LEFT", "mm/s@RIGHT");
    }

    @Test
    void legendListsEveryPenWithValueAndUnit(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> trends.showsLiveData(LIVE_POINTS));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".legend-value").queryAll().stream()
                .allMatch(n -> ((Label) n).getText().matches("-?\\d+\\.\\d+ .+")));
        assertThat(robot.lookup(".legend-item").queryAll()).hasSize(3);
    }

    @Test
    void aChannelThatGoesSilentIsMarkedStale(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> trends.showsLiveData(LIVE_POINTS));
        feedVibration = false;

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> trends.viewModel().pen(VIBRATION).state() == PenState.STALE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup(".legend-item .quality-badge").queryAllAs(Label.class))
                .anyMatch(n -> n.isVisible() && "STALE".equals(n.getText()));
        assertThat(trends.dataSet(VIBRATION).getStyleClasses()).contains("stale");
    }

    @Test
    void zoomingWithTheMousePausesLiveModeAndLiveResumes(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> trends.showsLiveData(LIVE_POINTS));
        Bounds b = trends.chart().getCanvas().localToScreen(trends.chart().getCanvas().getBoundsInLocal());

        robot.moveTo(b.getMinX() + b.getWidth() * 0.6, b.getMinY() + b.getHeight() * 0.3)
                .press(MouseButton.PRIMARY)
                .moveTo(b.getMinX() + b.getWidth() * 0.9, b.getMinY() + b.getHeight() * 0.7)
                .release(MouseButton.PRIMARY);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !trends.viewModel().isLive());
        assertThat(robot.lookup(".range-label").queryAs(Label.class).getText()).startsWith("Paused");

        robot.clickOn(".live-toggle");
        assertThat(trends.viewModel().isLive()).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Math.abs(
                trends.chart().getXAxis().getMax() - trends.chart().getXAxis().getMin() - 600) < 0.01);
    }

    @Test
    void theCursorReadsEveryPenAtOneTime(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> trends.showsLiveData(LIVE_POINTS));
        Bounds b = trends.chart().getCanvas().localToScreen(trends.chart().getCanvas().getBoundsInLocal());

        robot.moveTo(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 3);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> trends.viewModel().chart().cursor().isActive());
        // axes widen as values arrive, which moves the canvas: measure it again, then go to the latest time
        Bounds now = trends.chart().getCanvas().localToScreen(trends.chart().getCanvas().getBoundsInLocal());
        robot.moveTo(now.getMaxX() - 6, now.getMinY() + now.getHeight() / 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(trends.viewModel().chart().cursor().isActive()).isTrue();
        assertThat(robot.lookup(".trend-cursor-row").queryAll()).hasSize(3);
        assertThat(robot.lookup(".trend-cursor-time").queryAs(Label.class).getText())
                .matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(trends.viewModel().chart().cursor().readings()).hasSize(3)
                .allSatisfy(r -> assertThat(r.value()).isNotBlank());
    }

    @Test
    void windowButtonsChooseTheTimeWindow(FxRobot robot) throws Exception {
        robot.clickOn("#window-MIN_1");
        assertThat(trends.viewModel().window()).isEqualTo(TimeWindow.MIN_1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Math.abs(
                trends.chart().getXAxis().getMax() - trends.chart().getXAxis().getMin() - 60) < 0.01);
    }

    @Test
    void showAreaPutsTheAreasPensOnTheChart(FxRobot robot) {
        robot.interact(() -> trends.showArea("Drying"));
        assertThat(trends.viewModel().selectedPens()).hasSize(2);
        assertThat(robot.lookup(".legend-item").queryAll()).hasSize(2);
        assertThat(trends.chart().getAxes().stream().filter(a -> a.getSide().isVertical()).map(a -> a.getName()))
                .containsExactly("%", "°C");
    }

    @Test
    void exportsWriteCsvAndPngIntoTheExportFolder(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> trends.showsLiveData(LIVE_POINTS));

        robot.clickOn("Export CSV");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> files("csv").size() == 1);
        robot.clickOn("Export PNG");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> files("png").size() == 1);

        List<String> csv = Files.readAllLines(files("csv").get(0));
        assertThat(csv.get(0)).isEqualTo("time,epoch_s,pen,channel_id,value,unit,quality");
        assertThat(csv.size()).isGreaterThan(LIVE_POINTS);
        BufferedImage png = ImageIO.read(files("png").get(0).toFile());
        assertThat(png.getWidth()).isGreaterThan(400);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup(".message-text").queryAs(Label.class).getText().startsWith("PNG saved to "));
    }

    private List<Path> files(String ext) throws Exception {
        try (Stream<Path> s = Files.list(exportDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith("." + ext)).toList();
        }
    }
}
