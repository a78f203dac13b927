package io.plantconsole.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plantconsole.infra.mqtt.EmbeddedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto, started by a test on a free loopback port with its own config: persistence on (so a restart
 * keeps persistent sessions), queue limits raised. Absent mosquitto skips the test on a developer machine and fails
 * it in CI ({@code PLANTCONSOLE_REQUIRE_SERVERS=true}).
 */
public final class MosquittoBroker implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private final Path passwordFile;
    private Process process;

    private MosquittoBroker(Path dir, int port, Path passwordFile) {
        this.dir = dir;
        this.port = port;
        this.passwordFile = passwordFile;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Skips the calling test when mosquitto is missing, unless servers are required. */
    public static void assumeInstalled() {
        if (Boolean.parseBoolean(System.getenv("PLANTCONSOLE_REQUIRE_SERVERS"))) {
            if (!installed()) {
                throw new IllegalStateException("PLANTCONSOLE_REQUIRE_SERVERS is set but " + BINARY + " is missing");
            }
            return;
        }
        assumeTrue(installed(), "mosquitto is not installed (apt-get install mosquitto)");
    }

    public static MosquittoBroker start(Path dir) {
        MosquittoBroker b = new MosquittoBroker(dir, EmbeddedBroker.freePort(), null);
        b.startProcess();
        return b;
    }

    /** A broker that admits only this user (no anonymous access). */
    public static MosquittoBroker startWithPassword(Path dir, String user, String password) {
        try {
            Files.createDirectories(dir);
            Path pw = dir.resolve("passwords");
            Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", pw.toString(), user, password)
                    .redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("mosquitto_passwd failed: " + new String(p.getInputStream().readAllBytes()));
            }
            MosquittoBroker b = new MosquittoBroker(dir, EmbeddedBroker.freePort(), pw);
            b.startProcess();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void startProcess() {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    passwordFile == null ? "allow_anonymous true"
                            : "allow_anonymous false\npassword_file " + passwordFile.toAbsolutePath(),
                    "persistence true",
                    "persistence_location " + dir.toAbsolutePath() + "/",
                    "autosave_interval 1",
                    "max_queued_messages 1000000",
                    "max_inflight_messages 0",
                    "max_packet_size 1048576",
                    "log_dest file " + dir.toAbsolutePath().resolve("mosquitto.log"),
                    "user " + System.getProperty("user.name"),
                    ""));
            process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
            waitUntilListening();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitUntilListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited with " + process.exitValue() + "; see " + dir);
                }
                sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }

    /** Stops the broker the way an operator would (SIGTERM: it saves its persistence file first). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts it again on the same port with the same persistence. */
    public void restart() {
        stop();
        startProcess();
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
