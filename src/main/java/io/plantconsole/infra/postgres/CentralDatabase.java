package io.plantconsole.infra.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central PostgreSQL: a small HikariCP pool that starts even when the centre is down
 * ({@code initializationFailTimeout=-1}), and the Flyway migration of {@code classpath:db/central}.
 *
 * <p>Every method that touches the network blocks: call it from a background thread.
 */
public final class CentralDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CentralDatabase.class);

    /**
     * Connection settings. The password is never shown by {@link #toString()} nor logged.
     *
     * @param url            JDBC URL, e.g. {@code jdbc:postgresql://db:5432/central?sslmode=verify-full&sslrootcert=…}
     * @param user           database user
     * @param password       the user's password
     * @param maxPoolSize    largest number of pooled connections (the sync worker needs one)
     * @param connectTimeout how long a borrower waits for a connection, and the driver for a TCP connect
     */
    public record Settings(String url, String user, char[] password, int maxPoolSize, Duration connectTimeout) {
        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (maxPoolSize < 1) {
                throw new IllegalArgumentException("maxPoolSize < 1");
            }
            password = password.clone();
        }

        public Settings(String url, String user, char[] password) {
            this(url, user, password, 2, Duration.ofSeconds(5));
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Settings s && url.equals(s.url) && user.equals(s.user)
                    && Arrays.equals(password, s.password) && maxPoolSize == s.maxPoolSize
                    && connectTimeout.equals(s.connectTimeout);
        }

        @Override
        public int hashCode() {
            return Objects.hash(url, user, maxPoolSize, connectTimeout);
        }

        @Override
        public String toString() {
            return "Settings[url=" + CentralErrors.stripQuery(url) + ", user=" + user + ", password=***, maxPoolSize="
                    + maxPoolSize + ", connectTimeout=" + connectTimeout + "]";
        }
    }

    private final Settings settings;
    private final HikariDataSource pool;

    private CentralDatabase(Settings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** Creates the pool without connecting: the console starts while the centre is down. */
    public static CentralDatabase open(Settings settings) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("central");
        c.setJdbcUrl(settings.url());
        c.setUsername(settings.user());
        char[] pw = settings.password();
        c.setPassword(new String(pw));
        Arrays.fill(pw, '\0');
        c.setMaximumPoolSize(settings.maxPoolSize());
        c.setMinimumIdle(0);
        c.setInitializationFailTimeout(-1);
        c.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        c.setValidationTimeout(Math.max(250, Math.min(5_000, settings.connectTimeout().toMillis())));
        c.setAutoCommit(true);
        long seconds = Math.max(1, settings.connectTimeout().toSeconds());
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        c.addDataSourceProperty("connectTimeout", Long.toString(seconds));
        c.addDataSourceProperty("loginTimeout", Long.toString(seconds));
        c.addDataSourceProperty("socketTimeout", "60");
        c.addDataSourceProperty("tcpKeepAlive", "true");
        c.addDataSourceProperty("ApplicationName", "plant-console");
        LOG.info("Central database {}", settings);
        return new CentralDatabase(settings, new HikariDataSource(c));
    }

    public Settings settings() {
        return settings;
    }

    /** The pool. */
    public DataSource dataSource() {
        return pool;
    }

    /** A pooled connection. @throws CentralDatabaseException with the cause in words */
    public Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Migrates {@code classpath:db/central} and returns the schema version.
     *
     * @throws CentralDatabaseException when the centre cannot be reached or migrated; the message says why
     */
    public String migrate() {
        try {
            MigrateResult r = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/central")
                    .cleanDisabled(true)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            String version = r.targetSchemaVersion != null ? r.targetSchemaVersion : r.initialSchemaVersion;
            LOG.info("Central schema version {}, {} migration(s) applied", version, r.migrationsExecuted);
            return version;
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    /** Checks that the centre answers; returns normally or throws with the cause in words. */
    public void check() {
        try (Connection c = connection()) {
            if (!c.isValid(5)) {
                throw new CentralDatabaseException(CentralErrors.Category.UNREACHABLE,
                        CentralErrors.Category.UNREACHABLE.words() + " at " + CentralErrors.stripQuery(settings.url()),
                        null);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** {@code failure} as an exception whose message names what is wrong. */
    public CentralDatabaseException failure(Throwable failure) {
        return new CentralDatabaseException(CentralErrors.classify(failure),
                CentralErrors.describe(failure, settings.url(), settings.user()), failure);
    }

    @Override
    public void close() {
        pool.close();
    }
}
