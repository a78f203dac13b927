package io.plantconsole.infra.oidc;

import java.net.URI;

/**
 * Opens a URL in the person's system browser (RFC 8252: never an embedded web view). The app passes JavaFX's
 * {@code HostServices::showDocument}; tests drive the sign-in page with an HTTP client.
 *
 * <p>Called on the thread that runs the sign-in (never the FX thread); must not block until the person has finished.
 */
@FunctionalInterface
public interface BrowserLauncher {
    void open(URI uri);
}
