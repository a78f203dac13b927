package io.plantconsole.infra.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
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
     * Connection settings. The password is never shown by {@link #toString()} nor logged; the root certificate's
     * path goes only into the driver's properties.
     *
     * @param url            JDBC URL, e.g. {@code jdbc:postgresql://db:5432/central}; an {@code sslmode} or
     *                       {@code sslrootcert} in its query wins over the fields below (the driver reads the URL
     *                       last)
     * @param user           database user
     * @param password       the user's password
     * @param maxPoolSize    largest number of pooled connections (the sync worker needs one)
     * @param connectTimeout how long a borrower waits for a connection, and the driver for a TCP connect
     * @param sslMode        the driver's {@code sslmode}: {@code verify-full} (the default: encrypted, the server's
     *                       certificate signed by {@code sslRootCert} and naming the host), {@code verify-ca},
     *                       {@code require}, {@code prefer} or {@code disable}
     * @param sslRootCert    the root (CA) certificate file that signs the server's certificate; {@code null} for the
     *                       driver's default ({@code ~/.postgresql/root.crt})
     */
    public record Settings(String url, String user, char[] password, int maxPoolSize, Duration connectTimeout,
            String sslMode, Path sslRootCert) {
        /** The default {@code sslmode}: encrypted, and the server proves it is the host named in the URL. */
        public static final String DEFAULT_SSL_MODE = "verify-full";
        private static final Set<String> SSL_MODES =
                Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(sslMode, "sslMode");
            if (maxPoolSize < 1) {
                throw new IllegalArgumentException("maxPoolSize < 1");
            }
            if (!SSL_MODES.contains(sslMode)) {
                throw new IllegalArgumentException("unknown sslMode " + sslMode + ", expected one of " + SSL_MODES);
            }
            password = password.clone();
            requireVerifiedServer(url, effectiveSslMode(url, sslMode));
        }

        /**
         * The central connection must prove who the server is ({@code verify-full} or {@code verify-ca}) unless
         * every host of the URL is this machine (127.0.0.0/8, {@code ::1}, {@code localhost}): a weaker
         * {@code sslmode}, in the site config or in the URL's query, is refused in words.
         *
         * @param sslMode the effective mode (the URL's, when it names one)
         */
        public static void requireVerifiedServer(String url, String sslMode) {
            if ("verify-full".equals(sslMode) || "verify-ca".equals(sslMode) || loopbackOnly(url)) {
                return;
            }
            throw new IllegalArgumentException("the central database " + CentralErrors.stripQuery(url) + " is not on"
                    + " this machine, and sslmode=" + sslMode + " does not verify the server's certificate: use"
                    + " sslMode verify-full (or verify-ca) with the site's root certificate (sslRootCert), and no"
                    + " weaker sslmode in the URL");
        }

        static boolean loopbackOnly(String url) {
            String rest = url.startsWith("jdbc:postgresql://") ? url.substring("jdbc:postgresql://".length()) : "";
            int end = rest.length();
            for (char c : new char[] {'/', '?'}) {
                int i = rest.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            String hosts = rest.substring(0, end);
            if (hosts.isEmpty()) {
                return false; // the driver's default is localhost, but say it
            }
            for (String hostPort : hosts.split(",")) {
                String host = hostPort;
                if (host.startsWith("[")) {
                    int close = host.indexOf(']');
                    host = close > 0 ? host.substring(1, close) : host;
                } else if (host.indexOf(':') >= 0) {
                    host = host.substring(0, host.indexOf(':'));
                }
                host = host.toLowerCase(java.util.Locale.ROOT);
                boolean loopback = host.equals("localhost") || host.equals("::1")
                        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
                if (!loopback) {
                    return false;
                }
            }
            return true;
        }

        private static String effectiveSslMode(String url, String sslMode) {
            int q = url.indexOf('?');
            if (q >= 0) {
                for (String param : url.substring(q + 1).split("&")) {
                    if (param.startsWith("sslmode=")) {
                        return param.substring("sslmode=".length());
                    }
                }
            }
            return sslMode;
        }

        public Settings(String url, String user, char[] password, int maxPoolSize, Duration connectTimeout) {
            this(url, user, password, maxPoolSize, connectTimeout, DEFAULT_SSL_MODE, null);
        }

        public Settings(String url, String user, char[] password) {
            this(url, user, password, 2, Duration.ofSeconds(5));
        }

        /** The {@code sslmode} the driver will use: the URL's, when its query names one, else {@link #sslMode()}. */
        public String effectiveSslMode() {
            return effectiveSslMode(url, sslMode);
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Settings s && url.equals(s.url) && user.equals(s.user)
                    && Arrays.equals(password, s.password) && maxPoolSize == s.maxPoolSize
                    && connectTimeout.equals(s.connectTimeout) && sslMode.equals(s.sslMode)
                    && Objects.equals(sslRootCert, s.sslRootCert);
        }

        @Override
        public int hashCode() {
            return Objects.hash(url, user, maxPoolSize, connectTimeout, sslMode, sslRootCert);
        }

        @Override
        public String toString() {
            return "Settings[url=" + CentralErrors.stripQuery(url) + ", user=" + user + ", password=***, maxPoolSize="
                    + maxPoolSize + ", connectTimeout=" + connectTimeout + ", sslMode=" + effectiveSslMode() + ", sslRootCert="
                    + (sslRootCert == null ? "default" : "set") + "]";
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
        c.addDataSourceProperty("sslmode", settings.sslMode());
        if (settings.sslRootCert() != null) {
            c.addDataSourceProperty("sslrootcert", settings.sslRootCert().toAbsolutePath().toString());
        }
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
     * Migrates {@code classpath:db/central} and returns the schema version; refuses a central schema newer than this
     * console knows (see {@link #verifySchema(boolean)}).
     *
     * @throws CentralDatabaseException when the centre cannot be reached or migrated; the message says why
     */
    public String migrate() {
        try {
            Flyway flyway = flyway();
            verify(flyway, true);
            MigrateResult r = flyway.migrate();
            String version = r.targetSchemaVersion != null ? r.targetSchemaVersion : r.initialSchemaVersion;
            LOG.info("Central schema version {}, {} migration(s) applied", version, r.migrationsExecuted);
            return version;
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    /**
     * Compares the central schema's version (the highest successful version in {@code flyway_schema_history}) with
     * the highest migration this console carries, and returns the central one ({@code null}: no schema yet).
     *
     * @param migrationAllowed whether the caller will migrate an older schema; when not, an older schema fails
     * @throws CentralDatabaseException {@link CentralErrors.Category#SCHEMA_TOO_NEW} when the centre was migrated
     *         by a newer console ("central schema version X is newer than this console (Y): update the console"),
     *         {@link CentralErrors.Category#SCHEMA_TOO_OLD} when it is older and migration is not allowed, or the
     *         connection failure in words
     */
    public String verifySchema(boolean migrationAllowed) {
        try {
            return verify(flyway(), migrationAllowed);
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/central")
                .cleanDisabled(true)
                .failOnMissingLocations(true)
                .load();
    }

    private String verify(Flyway flyway, boolean migrationAllowed) {
        MigrationVersion central = null;
        MigrationVersion known = null;
        for (MigrationInfo m : flyway.info().all()) {
            MigrationVersion v = m.getVersion();
            if (v == null) {
                continue; // repeatable
            }
            if (m.getState().isApplied() && !m.getState().isFailed() && (central == null || v.compareTo(central) > 0)) {
                central = v;
            }
            if (m.getState().isResolved() && (known == null || v.compareTo(known) > 0)) {
                known = v;
            }
        }
        String centralText = central == null ? "(none)" : central.getVersion();
        String knownText = known == null ? "(none)" : known.getVersion();
        if (central != null && (known == null || central.compareTo(known) > 0)) {
            throw new CentralDatabaseException(CentralErrors.Category.SCHEMA_TOO_NEW, "central schema version "
                    + centralText + " is newer than this console (" + knownText + "): update the console", null);
        }
        if (!migrationAllowed && known != null && (central == null || central.compareTo(known) < 0)) {
            throw new CentralDatabaseException(CentralErrors.Category.SCHEMA_TOO_OLD, schemaTooOld(centralText,
                    knownText), null);
        }
        return central == null ? null : central.getVersion();
    }

    /**
     * What the console says when the central schema is older than it needs: the console never migrates with its own
     * login, the DBA does ({@code --migrate-central} as the schema owner).
     */
    static String schemaTooOld(String central, String needed) {
        return "(none)".equals(central)
                ? "the central database has no schema yet, this console needs version " + needed
                        + ": ask the DBA to run --migrate-central"
                : "the central schema is at version " + central + ", this console needs " + needed
                        + ": ask the DBA to run --migrate-central";
    }

    /** The owner of any central table and a superuser keep every privilege; these would let a console rewrite. */
    private static final String OWNED_TABLES = "SELECT c.relname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast%'"
            + " AND pg_has_role(current_user, c.relowner, 'MEMBER') ORDER BY 1";
    /** The append-only tables: the audit trail and, where the centre holds them, e-signatures. */
    private static final String APPEND_ONLY_TABLES = "SELECT c.oid::regclass::text FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_%' AND (c.relname = 'audit_event' OR c.relname LIKE '%signature%')"
            + " ORDER BY 1";

    /**
     * Checks the console's own login before its first sync (least privilege, checked rather than assumed): it must
     * not be a superuser, own (or be able to become the owner of) any central table, nor hold UPDATE (on any column),
     * DELETE or TRUNCATE on {@code audit_event} or an e-signature table.
     *
     * @throws CentralDatabaseException {@link CentralErrors.Category#LOGIN_TOO_POWERFUL} naming every finding, or the
     *         connection failure in words
     */
    public void verifyLeastPrivilege() {
        List<String> findings = new ArrayList<>();
        String login = null;
        try (Connection c = connection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT current_user, rolsuper, rolbypassrls FROM pg_roles"
                    + " WHERE rolname = current_user")) {
                r.next();
                login = r.getString(1);
                if (r.getBoolean(2)) {
                    findings.add("it is a superuser");
                }
            }
            List<String> owned = new ArrayList<>();
            try (ResultSet r = s.executeQuery(OWNED_TABLES)) {
                while (r.next()) {
                    owned.add(r.getString(1));
                }
            }
            if (!owned.isEmpty()) {
                findings.add("it owns " + String.join(", ", owned));
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery(APPEND_ONLY_TABLES)) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                List<String> held = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT has_any_column_privilege(?::regclass,"
                        + " 'UPDATE'), has_table_privilege(?::regclass, 'DELETE'),"
                        + " has_table_privilege(?::regclass, 'TRUNCATE')")) {
                    ps.setString(1, table);
                    ps.setString(2, table);
                    ps.setString(3, table);
                    try (ResultSet r = ps.executeQuery()) {
                        r.next();
                        if (r.getBoolean(1)) {
                            held.add("UPDATE");
                        }
                        if (r.getBoolean(2)) {
                            held.add("DELETE");
                        }
                        if (r.getBoolean(3)) {
                            held.add("TRUNCATE");
                        }
                    }
                }
                if (!held.isEmpty()) {
                    findings.add("it holds " + String.join(", ", held) + " on " + table);
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        if (!findings.isEmpty()) {
            throw new CentralDatabaseException(CentralErrors.Category.LOGIN_TOO_POWERFUL, "the console's central login "
                    + login + " may change what it must only append: " + String.join("; ", findings)
                    + ". The console will not sync as it: log in as a login granted plant_console_app only"
                    + " (installer/central-setup.sql)", null);
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
