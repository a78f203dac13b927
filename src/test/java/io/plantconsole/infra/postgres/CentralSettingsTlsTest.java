package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The central connection verifies the server (verify-full or verify-ca) unless the centre is on this machine. */
class CentralSettingsTlsTest {
    private static CentralDatabase.Settings settings(String url, String mode) {
        return new CentralDatabase.Settings(url, "u", "pw".toCharArray(), 1, Duration.ofSeconds(1), mode, null);
    }

    @Test
    void aRemoteHostNeedsVerifyFullOrVerifyCa() {
        assertThat(settings("jdbc:postgresql://db.plant:5432/c", "verify-full").effectiveSslMode())
                .isEqualTo("verify-full");
        assertThat(settings("jdbc:postgresql://db.plant:5432/c", "verify-ca").effectiveSslMode())
                .isEqualTo("verify-ca");
        assertThatThrownBy(() -> settings("jdbc:postgresql://db.plant:5432/c", "require"))
                .hasMessageContaining("is not on this machine, and sslmode=require does not verify");
    }

    @Test
    void aWeakerSslModeInTheUrlIsRefusedToo() {
        assertThatThrownBy(() -> settings("jdbc:postgresql://db.plant/c?sslmode=disable", "verify-full"))
                .hasMessageContaining("sslmode=disable does not verify")
                .hasMessageContaining("jdbc:postgresql://db.plant/c");
        assertThatThrownBy(() -> settings("jdbc:postgresql://127.0.0.1:5432,db.plant:5432/c", "prefer"))
                .as("one remote host of several is enough").hasMessageContaining("sslmode=prefer");
    }

    @Test
    void loopbackMayUseAnyMode() {
        for (String url : new String[] {"jdbc:postgresql://127.0.0.1:5432/c?sslmode=disable",
                "jdbc:postgresql://localhost/c", "jdbc:postgresql://[::1]:5432/c", "jdbc:postgresql://127.1.2.3/c"}) {
            assertThat(settings(url, "disable").url()).isEqualTo(url);
        }
        assertThatThrownBy(() -> settings("jdbc:postgresql://127.0.0.1.evil.example/c", "disable"))
                .hasMessageContaining("not on this machine");
    }
}
