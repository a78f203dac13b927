package io.plantconsole.app.shell;

import io.plantconsole.audit.AuditFeature;
import io.plantconsole.auth.AuthFeature;
import io.plantconsole.sync.SyncFeature;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.testing.TestUi;
import io.plantconsole.ui.ScreenSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.ui.ViewLifecycle;
import io.plantconsole.telemetry.view.TelemetryFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Every FXML file under {@code fxml/} loads through the console's controller factory and gets its controller. */
@ExtendWith(ApplicationExtension.class)
class FxmlSmokeFxTest {
    private TelemetryFixture plant;
    private ControllerFactory factory;
    private io.plantconsole.testing.AuthFixture auth;
    private Stage stage;
    private final List<Object> controllers = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        plant = new TelemetryFixture(Clock.systemDefaultZone());
        auth = new io.plantconsole.testing.AuthFixture(Files.createTempDirectory("pc-smoke-auth"));
        factory = ControllerFactory.standard(TestUi.withIdentity(plant.hub, plant.pipeline, plant.source,
                plant.clock, Files.createTempDirectory("pc-smoke"), auth));
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> {
            for (Object c : controllers) {
                if (c instanceof MainWindow w) {
                    w.dispose();
                } else if (c instanceof ViewLifecycle l) {
                    l.dispose();
                }
            }
        });
        factory.close();
        plant.close();
        auth.close();
    }

    static List<String> fxmlResources() throws Exception {
        Path root = Path.of("fxml");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".fxml"))
                    .map(p -> "/fxml/" + root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyFxmlFileLoadsWithTheControllerFactory(FxRobot robot) throws Exception {
        List<String> resources = fxmlResources();
        assertThat(resources).contains(MainWindow.FXML, "/fxml/telemetry/Trends.fxml", "/fxml/telemetry/Overview.fxml",
                "/fxml/telemetry/Diagnostics.fxml");
        List<String> failures = new ArrayList<>();
        robot.interact(() -> {
            for (String r : resources) {
                try {
                    ControllerFactory.Loaded<Object> loaded = factory.load(r);
                    controllers.add(loaded.controller());
                    if (loaded.root() == null || loaded.controller() == null) {
                        failures.add(r + ": no root or no controller");
                        continue;
                    }
                    javafx.scene.Parent root = loaded.controller() instanceof MainWindow w ? w.root() : loaded.root();
                    stage.setScene(new Scene(root, 1024, 700));
                    root.applyCss();
                    root.layout();
                } catch (RuntimeException e) {
                    failures.add(r + ": " + e);
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void everyScreenOfTheNavigationHasItsFxml() {
        java.util.List<ScreenSpec> screens = factory.registerFeatures(TestUi.withIdentity(plant.hub, plant.pipeline,
                plant.source, plant.clock, java.nio.file.Path.of("exports"), auth).features(),
                new io.plantconsole.ui.ScreenContext(plant.clock, java.nio.file.Path.of("exports"), factory.tasks(),
                        new io.plantconsole.ui.Navigator() {
                            @Override
                            public void show(String screenId) {
                            }

                            @Override
                            public <C> java.util.Optional<C> controller(String screenId, Class<C> type) {
                                return java.util.Optional.empty();
                            }
                        }));
        assertThat(screens).extracting(ScreenSpec::id).containsExactly(TelemetryFeature.OVERVIEW,
                TelemetryFeature.TRENDS, TelemetryFeature.DIAGNOSTICS, SyncFeature.SYNC, AuditFeature.AUDIT,
                AuthFeature.USERS);
        for (ScreenSpec s : screens) {
            assertThat(FxmlSmokeFxTest.class.getResource(s.fxml())).as(s.fxml()).isNotNull();
            assertThat(FxmlSmokeFxTest.class.getResource(s.stylesheet())).as(s.stylesheet()).isNotNull();
            assertThat(factory.registered()).as(s.id()).contains(s.controllerType());
        }
        for (String css : MainWindow.SHELL_STYLESHEETS) {
            assertThat(FxmlSmokeFxTest.class.getResource(css)).as(css).isNotNull();
        }
    }
}
