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
    private Process process;

    private MosquittoBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
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
        MosquittoBroker b = new MosquittoBroker(dir, EmbeddedBroker.freePort());
        b.startProcess();
        return b;
    }

    private void startProcess() {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
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
