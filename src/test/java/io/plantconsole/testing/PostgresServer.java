package io.plantconsole.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL 15, started by a test in its own folder on a free 127.0.0.1 port with SCRAM password
 * authentication and a generated password. As root, the binaries run as the {@code postgres} user (initdb refuses
 * root) and the folder is handed to that user. Absent PostgreSQL skips the calling test on a developer machine and
 * fails it in CI ({@code PLANTCONSOLE_REQUIRE_SERVERS=true}).
 */
public final class PostgresServer implements AutoCloseable {
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String USER = "postgres";

    private final Path dir;
    private final Path data;
    private final int port;
    private final String password;
    private final boolean asRoot;
    private String extraOptions = "";
    private boolean running;

    private PostgresServer(Path dir, int port, String password) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.password = password;
        this.asRoot = "root".equals(System.getProperty("user.name"));
    }

    public static boolean installed() {
        return Files.isExecutable(BIN.resolve("initdb"));
    }

    /** Skips the calling test when PostgreSQL 15 is missing, unless servers are required. */
    public static void assumeInstalled() {
        if (Boolean.parseBoolean(System.getenv("PLANTCONSOLE_REQUIRE_SERVERS"))) {
            if (!installed()) {
                throw new IllegalStateException("PLANTCONSOLE_REQUIRE_SERVERS is set but " + BIN.resolve("initdb")
                        + " is missing (apt-get install postgresql)");
            }
            return;
        }
        assumeTrue(installed(), "PostgreSQL 15 is not installed (apt-get install postgresql)");
    }

    /** Creates a cluster in {@code dir} (an empty folder, e.g. a @TempDir) and starts it. */
    public static PostgresServer start(Path dir) {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        PostgresServer s = new PostgresServer(dir.toAbsolutePath(), freePort(), password);
        s.init();
        s.start();
        return s;
    }

    /**
     * Like {@link #start(Path)}, with {@code ssl=on} and the given server certificate and key (PEM; copied into the
     * cluster's folder, readable by the server only). Password authentication accepts TLS and plain connections.
     */
    public static PostgresServer startWithTls(Path dir, Path certificate, Path key) {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        PostgresServer s = new PostgresServer(dir.toAbsolutePath(), freePort(), password);
        s.init();
        try {
            Path crt = s.dir.resolve("server.crt");
            Path k = s.dir.resolve("server.key");
            Files.copy(certificate, crt);
            Files.copy(key, k);
            Files.setPosixFilePermissions(k, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            if (s.asRoot) {
                s.exec(List.of("chown", "postgres:postgres", crt.toString(), k.toString()), false);
            }
            s.extraOptions = " -c ssl=on -c ssl_cert_file=" + crt + " -c ssl_key_file=" + k;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s.start();
        return s;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public char[] password() {
        return password.toCharArray();
    }

    /**
     * A JDBC URL for {@code database} (the cluster has {@code postgres}), with {@code sslmode=disable}: the console
     * defaults to {@code verify-full}, and the URL's query wins over the driver properties.
     */
    public String jdbcUrl(String database) {
        return plainJdbcUrl(database) + "?sslmode=disable";
    }

    /** A JDBC URL for {@code database} without a query, so that the driver properties decide TLS. */
    public String plainJdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    private void init() {
        try {
            Files.createDirectories(dir);
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            if (asRoot) {
                exec(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
                letPostgresTraverse(dir.getParent());
            }
            exec(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C", "--no-sync"), true);
            Files.delete(pwfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again, after {@link #stopImmediately()}) and waits until it accepts connections. */
    public synchronized void start() {
        exec(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories="
                        + dir + " -c fsync=off -c max_connections=20" + extraOptions, "start"), true);
        running = true;
    }

    /** {@code pg_ctl stop -m immediate}: the server dies without a checkpoint, like a crash. */
    public synchronized void stopImmediately() {
        exec(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
        running = false;
    }

    public synchronized boolean running() {
        return running;
    }

    @Override
    public synchronized void close() {
        if (running) {
            exec(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), true);
            running = false;
        }
    }

    /** The server log, for failure messages. */
    public String log() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void exec(List<String> command, boolean asPostgres) {
        List<String> cmd = new ArrayList<>();
        if (asPostgres && asRoot) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + new String(out) + "\n" + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adds search (x) permission for others on private ancestors (e.g. a 0700 @TempDir) so postgres reaches dir. */
    private static void letPostgresTraverse(Path from) throws IOException {
        for (Path p = from; p != null && p.getParent() != null; p = p.getParent()) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    /** A port free on 127.0.0.1 now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
