package io.plantconsole.app.shell;

import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.telemetry.view.OverviewController;
import io.plantconsole.telemetry.view.TrendsController;
import io.plantconsole.testing.TestUi;
import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import io.plantconsole.telemetry.view.TelemetryFixture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.time.Clock;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Live views are built once and reused (ChartFX charts with plugins leak when discarded): switching screens many
 * times keeps the same chart, the same plugins and data sets, and the heap does not grow with the switches.
 */
@ExtendWith(ApplicationExtension.class)
class LiveViewsMemoryFxTest {
    private static final int ROUNDS = 150;
    private TelemetryFixture plant;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        plant = new TelemetryFixture(Clock.systemDefaultZone());
        window = MainWindow.create(TestUi.services(plant.hub, plant.pipeline, plant.source, plant.clock,
                Files.createTempDirectory("pc-exports")));
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> window.dispose());
        plant.close();
    }

    private void cycle(FxRobot robot, int rounds) {
        for (int i = 0; i < rounds; i++) {
            robot.interact(() -> window.navigate(TelemetryFeature.TRENDS));
            robot.interact(() -> window.navigate(TelemetryFeature.OVERVIEW));
            robot.interact(() -> window.navigate(TelemetryFeature.DIAGNOSTICS));
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void switchingScreensReusesTheChartAndDoesNotGrowTheHeap(FxRobot robot) {
        XYChart chart = window.requireController(TelemetryFeature.TRENDS, TrendsController.class).chart();
        cycle(robot, 20); // warm up: class loading, skins, caches
        int plugins = chart.getPlugins().size();
        int dataSets = chart.getAllDatasets().size();
        int renderers = chart.getRenderers().size();
        long before = usedHeapAfterGc();

        cycle(robot, ROUNDS);

        long growth = usedHeapAfterGc() - before;
        assertThat(window.requireController(TelemetryFeature.TRENDS, TrendsController.class).chart()).isSameAs(chart);
        assertThat(chart.getPlugins()).hasSize(plugins);
        assertThat(chart.getAllDatasets()).hasSize(dataSets);
        assertThat(chart.getRenderers()).hasSize(renderers);
        assertThat(window.requireController(TelemetryFeature.TRENDS, TrendsController.class).pulse().isRunning()).isFalse();
        assertThat(window.requireController(TelemetryFeature.OVERVIEW, OverviewController.class).pulse().isRunning()).isFalse();
        // the live data keep arriving meanwhile (ring buffers are preallocated); 20 MB is far below one leaked chart
        // per switch, which would cost several MB each
        assertThat(growth).as("heap growth over %d screen switches", 3 * ROUNDS).isLessThan(20L * 1024 * 1024);
    }
}
