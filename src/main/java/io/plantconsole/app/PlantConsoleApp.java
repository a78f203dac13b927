package io.plantconsole.app;

import io.plantconsole.app.shell.MainWindow;
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
        options.selfTestDir().ifPresent(PlantConsoleApp::freshSelfTestData);
        try {
            context = AppContext.start(options, Clock.systemDefaultZone(),
                    uri -> getHostServices().showDocument(uri.toString()));
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
        window = MainWindow.create(context.ui());
        Scene scene = new Scene(window.root(), 1600, 1000);
        stage.setTitle("Plant Console" + (options.isDemo() ? " — demo plant" : ""));
        stage.setScene(scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        stage.show();
        options.selfTestDir().ifPresent(dir -> new SelfTest(context, window, scene, dir).start());
    }

    /** The self-test runs on its own, fresh data folder (it signs in with the demo users made at start). */
    private static void freshSelfTestData(java.nio.file.Path dir) {
        java.nio.file.Path data = dir.toAbsolutePath().resolve("data");
        try {
            if (java.nio.file.Files.exists(data)) {
                try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(data)) {
                    for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(p);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot clear the self-test data folder " + data, e);
        }
        System.setProperty("plantconsole.data", data.toString());
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
