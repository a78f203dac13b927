package io.plantconsole.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.telemetry.view.TelemetryFixture;
import io.plantconsole.testing.TestUi;
import io.plantconsole.ui.FeatureScreens;
import io.plantconsole.ui.ScreenContext;
import io.plantconsole.ui.ScreenSpec;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The shell builds its navigation from what features contribute: a feature with eight more screens appears without
 * a change to the shell, Ctrl+1…9 reach the first nine screens and "go to screen" (Ctrl+K) every one of them.
 */
@ExtendWith(ApplicationExtension.class)
class ShellNavigationFxTest {
    private TelemetryFixture plant;
    private MainWindow window;

    /** The controller of the test feature's screens. */
    public static final class BlankController {
        private final String text;
        @FXML private Label label;

        BlankController(String text) {
            this.text = text;
        }

        @FXML
        private void initialize() {
            label.setText(text);
        }
    }

    /** A feature the shell has never heard of, with eight screens. */
    static final class ExtraFeature implements FeatureScreens {
        @Override
        public List<ScreenSpec> screens(ScreenContext context) {
            return IntStream.rangeClosed(1, 8).mapToObj(i -> new ScreenSpec("extra-" + i, "Extra " + i,
                    i == 8 ? "Kiln moisture ledger" : "Extra screen number " + i, "/fxml/test/Blank.fxml",
                    "/styles/app.css", Permission.VIEW_DASHBOARDS, BlankController.class,
                    () -> new BlankController("extra " + i))).toList();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        plant = new TelemetryFixture(Clock.systemDefaultZone());
        UiServices base = TestUi.services(plant.hub, plant.pipeline, plant.source, plant.clock,
                Files.createTempDirectory("pc-nav"));
        List<FeatureScreens> features = new ArrayList<>(base.features());
        features.add(new ExtraFeature());
        window = MainWindow.create(new UiServices(base.hub(), base.pipeline(), base.source(), base.clock(),
                base.exportDir(), base.sync(), base.login(), features));
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> window.dispose());
        plant.close();
    }

    @Test
    void aNewFeaturesScreensJoinTheNavigationInOrder(FxRobot robot) {
        assertThat(window.screens()).hasSize(12);
        assertThat(robot.lookup(".nav-button").queryAll()).hasSize(12);
        assertThat(robot.lookup("#nav-extra-8").tryQuery()).isPresent();
        robot.clickOn("#nav-extra-3");
        assertThat(window.current()).isEqualTo("extra-3");
        assertThat(robot.lookup(".blank-screen .label").queryAs(Label.class).getText()).isEqualTo("extra 3");
    }

    @Test
    void ctrlAndADigitReachTheFirstNineScreens(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT9).release(KeyCode.DIGIT9, KeyCode.CONTROL);
        assertThat(window.current()).isEqualTo("extra-5");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        assertThat(window.current()).isEqualTo(TelemetryFeature.TRENDS);
    }

    @Test
    void goToScreenFindsAScreenPastTheNinthByItsHintAndEnterOpensIt(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        assertThat(window.isGoToShowing()).isTrue();
        robot.write("moisture ledger");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        assertThat(window.isGoToShowing()).isFalse();
        assertThat(window.current()).isEqualTo("extra-8");
    }

    @Test
    void escapeClosesGoToScreenWithoutMoving(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        robot.write("diag");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        assertThat(window.isGoToShowing()).isFalse();
        assertThat(window.current()).isEqualTo(TelemetryFeature.OVERVIEW);
    }
}
