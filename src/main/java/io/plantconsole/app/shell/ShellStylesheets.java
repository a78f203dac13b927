package io.plantconsole.app.shell;

import io.plantconsole.audit.AuditFeature;
import io.plantconsole.auth.AuthFeature;
import io.plantconsole.sync.SyncFeature;
import io.plantconsole.telemetry.TelemetryFeature;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/** The shell's stylesheets and their classpath URLs. */
final class ShellStylesheets {
    /** The shell's own, tokens first; each screen adds its feature's. */
    static final List<String> SHELL = List.of("/styles/theme/tokens.css", "/styles/app.css");

    private ShellStylesheets() {
    }

    /**
     * The shell's stylesheets and those of the standard features, as external URLs: for tests and tools that show a
     * feature's content outside the shell.
     */
    static List<String> standardUrls() {
        List<String> sheets = new ArrayList<>(SHELL);
        sheets.addAll(List.of(TelemetryFeature.STYLESHEET, SyncFeature.STYLESHEET, AuditFeature.STYLESHEET,
                AuthFeature.STYLESHEET));
        return urls(sheets);
    }

    static List<String> urls(Iterable<String> resources) {
        List<String> urls = new ArrayList<>();
        for (String s : resources) {
            URL url = MainWindow.class.getResource(s);
            if (url == null) {
                throw new IllegalStateException("stylesheet missing from the classpath: " + s);
            }
            urls.add(url.toExternalForm());
        }
        return urls;
    }
}
