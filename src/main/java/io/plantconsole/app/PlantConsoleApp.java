package io.plantconsole.app;

import io.plantconsole.app.ui.MainWindow;
import io.plantconsole.app.ui.UiServices;
import java.time.Clock;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: builds the context, shows the shell, closes everything on exit. */
public final class PlantConsoleApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PlantConsoleApp.class);

    private AppContext context;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw().toArray(String[]::new));
        try {
            context = AppContext.start(options, Clock.systemDefaultZone());
        } catch (RuntimeException e) {
            LOG.error("Plant Console cannot start", e);
            if (options.selfTestDir().isPresent()) {
                System.exit(SelfTest.EXIT_UNHEALTHY);
            }
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.setHeaderText("Plant Console cannot start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        window = MainWindow.create(new UiServices(context.hub(), context.pipeline(), context.source(),
                context.clock(), context.exportDir(), context.sync(), context.outbox(), context.resolver()));
        Scene scene = new Scene(window.root(), 1600, 1000);
        stage.setTitle("Plant Console" + (options.isDemo() ? " — demo plant" : ""));
        stage.setScene(scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        stage.show();
        options.selfTestDir().ifPresent(dir -> new SelfTest(context, window, scene, dir).start());
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
        if (context != null) {
            context.close();
        }
    }
}
