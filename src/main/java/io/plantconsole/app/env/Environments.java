package io.plantconsole.app.env;

import io.plantconsole.app.ConsoleOptions;
import io.plantconsole.infra.config.SiteConfig;
import java.nio.file.Path;

/** Picks where the console runs from its options: a {@code --site-config} means the site, none the demo plant. */
public final class Environments {
    private Environments() {
    }

    public static Environment of(ConsoleOptions options, Path dataDir) {
        return options.siteConfig().<Environment>map(file -> new SiteEnvironment(SiteConfig.load(file)))
                .orElseGet(() -> new DemoEnvironment(options, dataDir));
    }
}
