package io.plantconsole.app.shell;

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
        IdentityServices identity = new IdentityServices(auth.login, auth.admin,
                new io.plantconsole.audit.service.AuditService(auth.store, auth.auditStore, auth.audit, java.util.Optional.empty(),
                        java.util.Map.of(), auth.login::current), auth.signatures);
        factory = ControllerFactory.standard(new UiServices(plant.hub, plant.pipeline, plant.source, plant.clock,
                Files.createTempDirectory("pc-smoke"), java.util.Optional.empty(),
                new io.plantconsole.sync.view.EmptyOutbox(), java.util.Optional.empty(),
                java.util.Optional.of(identity)));
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
        assertThat(resources).contains(MainWindow.FXML, Screen.TRENDS.fxml(), Screen.OVERVIEW.fxml(),
                Screen.DIAGNOSTICS.fxml());
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
        for (Screen s : Screen.values()) {
            assertThat(FxmlSmokeFxTest.class.getResource(s.fxml())).as(s.fxml()).isNotNull();
        }
        for (String css : MainWindow.STYLESHEETS) {
            assertThat(FxmlSmokeFxTest.class.getResource(css)).as(css).isNotNull();
        }
    }
}
