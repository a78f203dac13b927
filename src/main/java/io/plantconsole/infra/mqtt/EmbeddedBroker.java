package io.plantconsole.infra.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo plant's MQTT broker: Moquette (MQTT 3.1.1) bound to 127.0.0.1 on a free port, telemetry off, no
 * websocket, messages up to 1 MiB (Sparkplug births are large). Anonymous access is acceptable only because it
 * listens on loopback and runs in demo mode and tests. See ADR 0002.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String HOST = "127.0.0.1";

    private final Server server = new Server();
    private final int port;

    private EmbeddedBroker(int port, Path dataDir) throws IOException {
        this.port = port;
        Properties p = new Properties();
        p.setProperty("host", HOST);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", Integer.toString(1024 * 1024));
        p.setProperty("session_queue_size", "16384");
        p.setProperty("immediate_buffer_flush", "true");
        if (dataDir != null) {
            p.setProperty("persistence_enabled", "true");
            p.setProperty("data_path", dataDir.toString());
        } else {
            p.setProperty("persistence_enabled", "false");
        }
        server.startServer(new MemoryConfig(p));
        LOG.info("Embedded MQTT broker listening on {}:{}", HOST, port);
    }

    /** Starts a broker with in-memory sessions on a free loopback port. */
    public static EmbeddedBroker start() {
        return start(freePort(), null);
    }

    /**
     * Starts a broker on the given port; with a data folder, sessions and queued QoS 1 messages survive a restart.
     */
    public static EmbeddedBroker start(int port, Path dataDir) {
        try {
            return new EmbeddedBroker(port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded MQTT broker on port " + port, e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://" + HOST + ":" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
