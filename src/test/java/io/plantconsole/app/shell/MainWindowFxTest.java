package io.plantconsole.app.shell;

import io.plantconsole.sync.SyncFeature;
import io.plantconsole.sync.view.SyncController;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.telemetry.view.DiagnosticsController;
import io.plantconsole.telemetry.view.OverviewController;
import io.plantconsole.telemetry.view.TrendsController;
import io.plantconsole.testing.TestUi;
import io.plantconsole.ui.ScreenSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.view.TelemetryFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    private TelemetryFixture plant;
    private MainWindow window;
    private Path exportDir;

    @Start
    void start(Stage stage) throws Exception {
        plant = new TelemetryFixture(Clock.systemDefaultZone());
        exportDir = Files.createTempDirectory("pc-exports");
        window = MainWindow.create(TestUi.services(plant.hub, plant.pipeline, plant.source, plant.clock, exportDir));
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> window.dispose());
        plant.close();
    }

    @Test
    void shellStartsOnOverviewAndListsOnlyScreensThatExist(FxRobot robot) {
        assertThat(window.screens()).extracting(ScreenSpec::id).containsExactly(TelemetryFeature.OVERVIEW,
                TelemetryFeature.TRENDS, TelemetryFeature.DIAGNOSTICS, SyncFeature.SYNC);
        assertThat(window.current()).isEqualTo(TelemetryFeature.OVERVIEW);
        assertThat(robot.lookup(".nav-button").queryAll()).hasSize(4);
        assertThat(robot.lookup(".overview-screen").query().isVisible()).isTrue();
        assertThat(window.requireController(TelemetryFeature.OVERVIEW, OverviewController.class).pulse().isRunning()).isTrue();
        assertThat(window.requireController(TelemetryFeature.TRENDS, TrendsController.class).pulse().isRunning()).as("hidden screens do not poll").isFalse();
    }

    @Test
    void syncScreenWithoutACentralDatabaseSaysSoAndDisablesSyncNow(FxRobot robot) {
        robot.clickOn("#nav-sync");
        assertThat(window.current()).isEqualTo(SyncFeature.SYNC);
        assertThat(robot.lookup(".sync-screen").tryQuery()).isPresent();
        assertThat(window.requireController(SyncFeature.SYNC, SyncController.class).pulse().isRunning()).isTrue();
        assertThat(window.requireController(TelemetryFeature.OVERVIEW, OverviewController.class).pulse().isRunning()).isFalse();
        assertThat(robot.lookup(".sync-badge").queryAs(Label.class).getText()).isEqualTo("NOT CONFIGURED");
        assertThat(robot.lookup(".sync-state-detail").queryAs(Label.class).getText())
                .isEqualTo("No central database configured");
        javafx.scene.control.Button syncNow = robot.lookup("#syncNowButton").queryButton();
        assertThat(syncNow.isDisabled()).isTrue();
        assertThat(syncNow.getTooltip().getText()).contains("no central database is configured");
        assertThat(robot.lookup(".sync-item").queryAs(Label.class).getText()).isEqualTo("Sync: not configured");
        robot.interact(() -> window.navigate(TelemetryFeature.OVERVIEW));
        assertThat(window.requireController(SyncFeature.SYNC, SyncController.class).pulse().isRunning()).as("hidden screens do not poll").isFalse();
    }

    @Test
    void navigationSwitchesScreensAndOnlyTheShownOnePolls(FxRobot robot) {
        robot.clickOn("#nav-trends");
        assertThat(window.current()).isEqualTo(TelemetryFeature.TRENDS);
        assertThat(robot.lookup(".trends-screen").query().getScene()).isNotNull();
        assertThat(robot.lookup(".overview-screen").tryQuery()).isEmpty();
        assertThat(window.requireController(TelemetryFeature.TRENDS, TrendsController.class).pulse().isRunning()).isTrue();
        assertThat(window.requireController(TelemetryFeature.OVERVIEW, OverviewController.class).pulse().isRunning()).isFalse();

        robot.clickOn("#nav-diagnostics");
        assertThat(window.current()).isEqualTo(TelemetryFeature.DIAGNOSTICS);
        assertThat(robot.lookup(".diagnostics-screen").tryQuery()).isPresent();
        assertThat(window.requireController(TelemetryFeature.TRENDS, TrendsController.class).pulse().isRunning()).isFalse();
        assertThat(window.requireController(TelemetryFeature.DIAGNOSTICS, DiagnosticsController.class).pulse().isRunning()).isTrue();

        robot.interact(() -> window.navigate(TelemetryFeature.OVERVIEW));
        assertThat(window.current()).isEqualTo(TelemetryFeature.OVERVIEW);
        assertThat(robot.lookup("#nav-overview").queryAs(javafx.scene.control.ToggleButton.class).isSelected())
                .isTrue();
    }

    @Test
    void bannerAppearsWhenTheSourceReportsReconnectingAndGoesWhenConnected(FxRobot robot) throws Exception {
        assertThat(window.isBrokerBannerShowing()).isFalse();

        Thread client = new Thread(() -> plant.source.report(ConnectionState.RECONNECTING,
                "Connection lost (32109) - java.net.SocketException: Connection reset"), "MQTT Call: test");
        client.start();
        client.join();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.isBrokerBannerShowing());

        Label title = robot.lookup(".banner-title").queryAs(Label.class);
        Label detail = robot.lookup(".banner-detail").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo("Broker lost — reconnecting…");
        assertThat(detail.getText()).contains("Connection reset");
        assertThat(robot.lookup(".connection-item").queryAs(Node.class).getPseudoClassStates().toString())
                .contains("lost");

        plant.source.report(ConnectionState.CONNECTED, "");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.isBrokerBannerShowing());
    }

    @Test
    void clickingAnAreaTileDrillsDownToTrendsWithThatAreasPens(FxRobot robot) {
        robot.clickOn("#tile-dryer1-moisture");

        assertThat(window.current()).isEqualTo(TelemetryFeature.TRENDS);
        assertThat(window.requireController(TelemetryFeature.TRENDS, TrendsController.class).viewModel().selectedPens()).extracting(p -> p.channel().area())
                .containsOnly("Drying").hasSize(2);
    }

    @Test
    void statusBarShowsCountersAndTheClock(FxRobot robot) throws Exception {
        plant.accept(TelemetryFixture.BEAN_TEMP, 121.0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "Accepted 1".equals(robot.lookup(".status-bar .label").queryAll().stream()
                        .map(n -> ((Label) n).getText()).filter(t -> t.startsWith("Accepted")).findFirst()
                        .orElse("")));
        assertThat(window.shell().clockTextProperty().get()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(window.shell().connectionTextProperty().get()).isEqualTo("Broker connected");
    }

    @Test
    void disposeStopsEveryTimer(FxRobot robot) {
        robot.clickOn("#nav-trends");
        robot.interact(() -> window.dispose());

        assertThat(window.requireController(TelemetryFeature.TRENDS, TrendsController.class).pulse().isRunning()).isFalse();
        assertThat(window.requireController(TelemetryFeature.OVERVIEW, OverviewController.class).pulse().isRunning()).isFalse();
        assertThat(window.requireController(TelemetryFeature.DIAGNOSTICS, DiagnosticsController.class).pulse().isRunning()).isFalse();
        assertThat(window.frameRateMeter().isRunning()).isFalse();
    }

    @Test
    void frameRateMeterCountsFrames() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.frameRateMeter().frames() > 10);
        assertThat(window.frameRateMeter().framesPerSecond()).isGreaterThan(1);
    }
}
