package io.plantconsole.app;

import javafx.application.Application;

/**
 * Holds {@code main} so the console starts from the classpath without "JavaFX runtime components are missing".
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.command() != ConsoleOptions.Command.RUN) {
            System.exit(ConsoleCommands.run(options, ConsoleCommands.folder(options, io.plantconsole.app.env.DataFolders.base()), java.time.Clock.systemUTC(),
                    System.out, System.err));
        }
        Application.launch(PlantConsoleApp.class, args);
    }
}
