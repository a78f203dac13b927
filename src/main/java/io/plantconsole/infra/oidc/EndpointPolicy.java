package io.plantconsole.infra.oidc;

import io.plantconsole.auth.service.SsoException;
import io.plantconsole.auth.service.SsoException.Reason;
import java.net.URI;

/** Which identity-provider endpoints the console talks to (issue 9): https, or http on this machine only. */
final class EndpointPolicy {
    private EndpointPolicy() {
    }

    /**
     * An endpoint from discovery must use https, except on this machine (a provider for tests or a local proxy):
     * codes, tokens and keys never cross a network in the clear, whatever the discovery document says.
     */
    static void requireSecure(URI endpoint, String what) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("http") && isLoopback(endpoint.getHost())) {
            return;
        }
        throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider's " + what + " endpoint " + endpoint
                + " does not use https, so the console refuses it (tokens must not cross the network in the clear)."
                + " Tell IT to fix the provider's OpenID configuration.");
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
