package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class CentralErrorsTest {

    private static SQLException pg(String state, String message, Throwable cause) {
        return new SQLException(message, state, cause);
    }

    /** Hikari wraps the driver's error in its own timeout exception. */
    private static SQLException pooled(SQLException driver) {
        return new SQLTransientConnectionException("central - Connection is not available, request timed out", "08003",
                driver);
    }

    @Test
    void classifiesSqlStates() {
        assertThat(CentralErrors.classify(pooled(pg("28P01", "password authentication failed", null))))
                .isEqualTo(CentralErrors.Category.BAD_CREDENTIALS);
        assertThat(CentralErrors.classify(pg("28000", "no pg_hba.conf entry", null)))
                .isEqualTo(CentralErrors.Category.BAD_CREDENTIALS);
        assertThat(CentralErrors.classify(pg("3D000", "database \"x\" does not exist", null)))
                .isEqualTo(CentralErrors.Category.DATABASE_MISSING);
        assertThat(CentralErrors.classify(pooled(pg("08001", "Connection refused", new ConnectException("refused")))))
                .isEqualTo(CentralErrors.Category.UNREACHABLE);
        assertThat(CentralErrors.classify(pg("42P01", "relation does not exist", null)))
                .isEqualTo(CentralErrors.Category.OTHER);
    }

    @Test
    void recognisesTlsFailures() {
        assertThat(CentralErrors.classify(pg("08006", "SSL error: PKIX path building failed",
                new SSLHandshakeException("PKIX path building failed")))).isEqualTo(CentralErrors.Category.TLS);
        assertThat(CentralErrors.classify(pg("08004", "The server does not support SSL.", null)))
                .isEqualTo(CentralErrors.Category.TLS);
    }

    @Test
    void describeNamesTargetButNotTheQuery() {
        String msg = CentralErrors.describe(pg("28P01", "FATAL: password authentication failed", null),
                "jdbc:postgresql://db:5432/central?password=secret", "plant");
        assertThat(msg).isEqualTo("bad credentials for the central database at jdbc:postgresql://db:5432/central"
                + " (user plant): FATAL: password authentication failed [28P01]");
    }
}
