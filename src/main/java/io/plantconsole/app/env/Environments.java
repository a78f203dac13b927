package io.plantconsole.app.env;

import io.plantconsole.app.ConsoleOptions;
import io.plantconsole.infra.config.SiteConfig;
import java.nio.file.Path;

/** Picks where the console runs from its options: a {@code --site-config} means the site, none the demo plant. */
public final class Environments {
    private Environments() {
    }

    /** The environment of {@code options}, each in its own folder under {@code base} ({@link DataFolders}). */
    public static Environment of(ConsoleOptions options, Path base) {
        return options.siteConfig().<Environment>map(file -> new SiteEnvironment(SiteConfig.load(file),
                        DataFolders.site(base)))
                .orElseGet(() -> new DemoEnvironment(options, DataFolders.demo(base)));
    }
}
