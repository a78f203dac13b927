package io.plantconsole.infra.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's central database: a real PostgreSQL 15 (zonky's embedded binaries) run as a child process of the console,
 * kept in {@code <dataDir>/demo-central} so that what was synced survives a restart (ADR 0010).
 *
 * <p>zonky's defaults are test-grade and are changed here: the cluster lives in {@code demo-central/pgdata} and is
 * never deleted; {@code fsync} is on; the server listens on 127.0.0.1 only (no Unix socket), on a free port; every
 * login needs a SCRAM-SHA-256 password. Two random passwords are generated on the first start and kept in
 * {@code demo-central/credentials} (owner-only, 0600; never logged): the superuser {@code postgres}, which owns the
 * tables and runs the migrations, and {@value #CONSOLE_ROLE}, the console's login, granted {@value #APP_ROLE} and
 * owning nothing, so the audit trail's append-only privileges apply to it.
 *
 * <p>PostgreSQL refuses to run as root; {@link #start} then fails with {@link #ROOT_MESSAGE}.
 *
 * <p>Threading: {@link #start} blocks for seconds (the first start runs initdb): call it from a background thread.
 */
public final class DemoCentralServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCentralServer.class);

    /** The database the console syncs to. */
    public static final String DATABASE = "plant_central";
    /** The console's login role: not the owner of the tables. */
    public static final String CONSOLE_ROLE = "plant_console";
    /** The application role of {@code db/central/V2__audit_append_only.sql}, granted to {@link #CONSOLE_ROLE}. */
    public static final String APP_ROLE = "plant_console_app";
    /** The cluster's superuser: owns the tables, runs the migrations. */
    public static final String SUPERUSER = "postgres";
    public static final String ROOT_MESSAGE =
            "The demo central database cannot run as root (PostgreSQL refuses); run the console as a normal user";

    static final String FOLDER = "demo-central";
    static final String CREDENTIALS_FILE = "credentials";
    private static final String HBA_HEADER = "# Plant Console demo central database: SCRAM passwords, 127.0.0.1 only";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    /** Why the server did not start. */
    public enum Failure { ROOT, OTHER }

    /** The server could not start; the message says why in words (never a password). */
    public static final class StartException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        StartException(Failure failure, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    private final Path folder;
    private final EmbeddedPostgres postgres;
    private final Credentials credentials;
    private final boolean created;
    private Duration startupTime = Duration.ZERO; // set once by start, before the server is handed out

    private DemoCentralServer(Path folder, EmbeddedPostgres postgres, Credentials credentials, boolean created) {
        this.folder = folder;
        this.postgres = postgres;
        this.credentials = credentials;
        this.created = created;
    }

    /**
     * Starts the server on the cluster in {@code <consoleDataDir>/demo-central}, creating it (initdb, passwords,
     * database, roles) on the first start. Blocks until the server answers.
     *
     * @throws StartException with {@link #ROOT_MESSAGE} as root, or the cause in words
     */
    public static DemoCentralServer start(Path consoleDataDir) {
        long t0 = System.nanoTime();
        Path folder = consoleDataDir.resolve(FOLDER).toAbsolutePath();
        if (runningAsRoot()) {
            throw new StartException(Failure.ROOT, ROOT_MESSAGE, null);
        }
        Path data = folder.resolve("pgdata");
        Path runtime = folder.resolve("runtime");
        EmbeddedPostgres pg = null;
        try {
            createPrivateDirectory(folder);
            createPrivateDirectory(runtime);
            boolean created = !Files.exists(data.resolve("postgresql.conf"));
            Credentials credentials = Credentials.loadOrCreate(folder.resolve(CREDENTIALS_FILE));
            // A resolver of our own: zonky caches extracted binaries per resolver, and these go to our runtime folder.
            PgBinaryResolver binaries = (system, architecture) ->
                    DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture);
            pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(runtime.toFile())
                    .setPgBinaryResolver(binaries)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false) // keep the data: zonky deletes it by default
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("encoding", "UTF8")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("fsync", "on") // zonky passes -F (fsync off); this comes later and wins
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", "20")
                    .setConnectConfig("password", new String(credentials.superuser()))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setDataDirectoryCustomizer(dir -> secure(dir.toPath(), runtime, credentials))
                    .start();
            createPrivateDirectory(runtime); // zonky makes its working folder writable by all
            DemoCentralServer server = new DemoCentralServer(folder, pg, credentials, created);
            server.prepareDatabase();
            server.startupTime = Duration.ofNanos(System.nanoTime() - t0);
            LOG.info("Demo central database {} on 127.0.0.1:{} ({} in {} ms)", DATABASE, pg.getPort(),
                    created ? "created" : "started", server.startupTime.toMillis());
            return server;
        } catch (IOException | RuntimeException e) {
            if (pg != null) {
                closeQuietly(pg);
            }
            if (e instanceof StartException s) {
                throw s;
            }
            String text = describe(e);
            if (text.contains("cannot be run as root")) {
                throw new StartException(Failure.ROOT, ROOT_MESSAGE, e);
            }
            throw new StartException(Failure.OTHER, "The demo central database did not start in " + folder + ": "
                    + text, e);
        }
    }

    /** Whether a demo central cluster was ever created for {@code consoleDataDir} (nothing is started). */
    public static boolean exists(Path consoleDataDir) {
        return Files.exists(consoleDataDir.resolve(FOLDER).resolve("pgdata").resolve("postgresql.conf"));
    }

    /** Whether this process runs as root (uid 0), where PostgreSQL refuses to start. */
    public static boolean runningAsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The folder that holds the cluster, the password file and the binaries. */
    public Path folder() {
        return folder;
    }

    /** The owner-only file that holds the generated passwords. */
    public Path credentialsFile() {
        return folder.resolve(CREDENTIALS_FILE);
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** Whether this start created the cluster (the first start: initdb). */
    public boolean created() {
        return created;
    }

    /** How long {@link #start} took. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The console's login: {@value #CONSOLE_ROLE}, granted {@value #APP_ROLE}, no TLS (loopback only). */
    public CentralDatabase.Settings consoleSettings() {
        return settings(CONSOLE_ROLE, credentials.console(), 2);
    }

    /** The superuser that owns the schema and runs the migrations. */
    public CentralDatabase.Settings ownerSettings() {
        return settings(SUPERUSER, credentials.superuser(), 2); // Flyway holds two connections
    }

    private CentralDatabase.Settings settings(String user, char[] password, int poolSize) {
        try {
            return new CentralDatabase.Settings(jdbcUrl(), user, password, poolSize, Duration.ofSeconds(5), "disable",
                    null);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Stops the server (a fast shutdown: open transactions roll back); the data stays. */
    @Override
    public void close() {
        closeQuietly(postgres);
        LOG.info("Demo central database stopped");
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            LOG.warn("Stopping the demo central database failed: {}", e.toString());
        }
    }

    /**
     * Runs before each start, after initdb: sets the superuser's password while the cluster is down (single-user
     * mode, password on stdin), then replaces initdb's {@code trust} rules, so no password-less login is ever
     * possible over TCP. A postmaster left running by a console that was killed is stopped first.
     */
    private static void secure(Path data, Path runtime, Credentials credentials) {
        try {
            Path bin = binaries(runtime);
            if (Files.exists(data.resolve("postmaster.pid"))) {
                LOG.warn("Stopping a demo central database left running by an earlier console");
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "stop", "-m", "fast", "-w"), null,
                        null);
            }
            Path hba = data.resolve("pg_hba.conf");
            String rules = HBA_HEADER + "\n"
                    + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
                    + "host    all       all   127.0.0.1/32  scram-sha-256\n";
            boolean secured = Files.exists(hba) && Files.readString(hba).equals(rules);
            if (!secured || credentials.createdNow()) {
                char[] pw = credentials.superuser();
                String sql = "ALTER ROLE " + SUPERUSER + " PASSWORD '" + new String(pw) + "';\n";
                Arrays.fill(pw, '\0');
                run(List.of(bin.resolve("postgres").toString(), "--single", "-D", data.toString(), "-c",
                        "password_encryption=scram-sha-256", "-c", "log_min_error_statement=panic", SUPERUSER),
                        sql, credentials);
            }
            if (!secured) {
                Files.writeString(hba, rules, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The extracted binaries: {@code runtime/PG-<hash>/bin}, the newest when several versions were extracted. */
    private static Path binaries(Path runtime) throws IOException {
        try (Stream<Path> dirs = Files.list(runtime)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("PG-"))
                    .map(d -> d.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> b.toFile().lastModified()))
                    .orElseThrow(() -> new IOException("no PostgreSQL binaries in " + runtime));
        }
    }

    /** Runs a command with {@code input} on stdin; its output is logged only on failure, with secrets masked. */
    private static void run(List<String> command, String input, Credentials mask) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out;
        try (InputStream o = p.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(Path.of(command.get(0)).getFileName() + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + p.exitValue() + "): "
                    + (mask == null ? out : mask.masked(out)).strip());
        }
    }

    /** Creates the database and the console's login on the first start; sets the login's password every start. */
    private void prepareDatabase() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port()});
        ds.setDatabaseName("postgres");
        ds.setUser(SUPERUSER);
        char[] superPw = credentials.superuser();
        char[] consolePw = credentials.console();
        ds.setPassword(new String(superPw));
        Arrays.fill(superPw, '\0');
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
            }
            s.execute("DO $$ BEGIN "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN "
                    + "CREATE ROLE " + APP_ROLE + " NOLOGIN; END IF; "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + CONSOLE_ROLE + "') THEN "
                    + "CREATE ROLE " + CONSOLE_ROLE + " LOGIN; END IF; END $$");
            s.execute("ALTER ROLE " + CONSOLE_ROLE + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                    + " PASSWORD '" + new String(consolePw) + "'");
            s.execute("GRANT " + APP_ROLE + " TO " + CONSOLE_ROLE);
            s.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO " + APP_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("preparing the database failed: " + credentials.masked(e.getMessage()), e);
        } finally {
            Arrays.fill(consolePw, '\0');
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
    }

    private static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m);
            }
        }
        return String.join(" (cause: ", parts) + ")".repeat(parts.size() - 1);
    }

    /**
     * The generated passwords, in an owner-only properties file. Letters, digits, {@code -} and {@code _} only, so
     * they can stand in SQL literals.
     */
    static final class Credentials {
        private final char[] superuser;
        private final char[] console;
        private final boolean createdNow;

        private Credentials(char[] superuser, char[] console, boolean createdNow) {
            this.superuser = superuser;
            this.console = console;
            this.createdNow = createdNow;
        }

        static Credentials loadOrCreate(Path file) throws IOException {
            if (!Files.exists(file)) {
                SecureRandom random = new SecureRandom();
                Credentials c = new Credentials(generate(random), generate(random), true);
                Properties p = new Properties();
                p.setProperty("superuser.password", new String(c.superuser));
                p.setProperty("console.password", new String(c.console));
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    p.store(out, "Plant Console demo central database: generated passwords. Keep private.");
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                LOG.info("Generated the demo central database's passwords in {}", file);
                return c;
            }
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
                LOG.warn("{} was readable by others: setting it to owner-only", file);
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            String s = p.getProperty("superuser.password");
            String c = p.getProperty("console.password");
            if (!valid(s) || !valid(c)) {
                throw new IOException(file + " is damaged: delete the folder " + file.getParent()
                        + " to create a new demo central database");
            }
            return new Credentials(s.toCharArray(), c.toCharArray(), false);
        }

        private static boolean valid(String pw) {
            return pw != null && pw.length() >= 16 && pw.chars().allMatch(ch -> Character.isLetterOrDigit(ch)
                    && ch < 128 || ch == '-' || ch == '_');
        }

        private static char[] generate(SecureRandom random) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
        }

        char[] superuser() {
            return superuser.clone();
        }

        char[] console() {
            return console.clone();
        }

        boolean createdNow() {
            return createdNow;
        }

        String masked(String text) {
            if (text == null) {
                return "";
            }
            return text.replace(new String(superuser), "***").replace(new String(console), "***");
        }
    }
}
