package io.plantconsole.infra.oidc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.auth.service.SsoException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Endpoints from discovery must be https unless they are on this machine (issue 9). */
class EndpointSecurityTest {

    @Test
    void plainHttpToAnotherHostIsRefusedInWords() {
        assertThatThrownBy(() -> EndpointPolicy.requireSecure(URI.create("http://login.plant.local/token"), "token"))
                .isInstanceOf(SsoException.class)
                .hasMessageContaining("token endpoint http://login.plant.local/token does not use https");
        assertThatThrownBy(() -> EndpointPolicy.requireSecure(URI.create("ftp://10.0.0.5/keys"), "keys"))
                .isInstanceOf(SsoException.class);
        assertThatThrownBy(() -> EndpointPolicy.requireSecure(URI.create("http://127.0.0.1.evil.com/k"), "keys"))
                .as("a host name that merely starts like a loopback address").isInstanceOf(SsoException.class);
    }

    @Test
    void httpsAnywhereAndHttpOnThisMachineAreAccepted() {
        assertThatCode(() -> EndpointPolicy.requireSecure(URI.create("https://login.plant.local/token"), "token"))
                .doesNotThrowAnyException();
        assertThatCode(() -> EndpointPolicy.requireSecure(URI.create("http://127.0.0.1:8080/token"), "token"))
                .doesNotThrowAnyException();
        assertThatCode(() -> EndpointPolicy.requireSecure(URI.create("http://[::1]:8080/token"), "token"))
                .doesNotThrowAnyException();
        assertThatCode(() -> EndpointPolicy.requireSecure(URI.create("http://localhost/token"), "token"))
                .doesNotThrowAnyException();
    }
}
