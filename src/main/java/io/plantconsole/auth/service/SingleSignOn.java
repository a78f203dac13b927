package io.plantconsole.auth.service;

import io.plantconsole.auth.model.SsoIdentity;
import java.time.Duration;

/**
 * Enterprise sign-on with OpenID Connect for a native app (RFC 8252: authorization code + PKCE, the system browser,
 * a loopback redirect).
 *
 * <p>Both methods block until the person has finished in the browser: call them from a background thread.
 */
public interface SingleSignOn {

    /**
     * Opens the provider's sign-in page in the system browser and waits for the redirect.
     *
     * @throws SsoException with a message for the person at the console (provider unreachable, sign-in cancelled or
     *                      timed out, token expired, clocks apart, …)
     */
    SsoIdentity login(Duration timeout);

    /**
     * Asks the provider to authenticate {@code subject} again now ({@code prompt=login}, {@code max_age=0}), for an
     * electronic signature.
     *
     * @throws SsoException also when someone else signed in, or the provider did not re-authenticate
     */
    SsoIdentity reauthenticate(String subject, Duration timeout);
}
