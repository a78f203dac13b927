package io.plantconsole.infra.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.testing.MosquittoBroker;
import io.plantconsole.testing.TestCatalogues;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A wrong password or an unreachable broker gives a clear message, keeps retrying and never logs the secret. */
class MqttConnectionFailureIT {
    private static final String SECRET = "s3cret-Roaster-Pass";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(MqttTelemetrySource.class);
    private final TelemetryHub hub = new TelemetryHub(TestCatalogues.small(), Clock.systemUTC(),
            TelemetryHub.Settings.defaults());
    private IngestPipeline pipeline;

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
        pipeline = new IngestPipeline(hub, List.of(), Clock.systemUTC(), 100, 1024);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
        pipeline.close();
    }

    private MqttSettings settings(String uri, String password) {
        return new MqttSettings(uri, "console-failure-it", "console", password.toCharArray(), false,
                List.of("plant/#"), 1, 30, 1);
    }

    @Test
    void aWrongPasswordIsNamedAndNeverLogged() {
        MosquittoBroker.assumeInstalled();
        try (MosquittoBroker broker = MosquittoBroker.startWithPassword(dir.resolve("m"), "console", "right-one");
             MqttTelemetrySource source = new MqttTelemetrySource(settings(broker.uri(), SECRET), pipeline)) {
            source.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> !source.lastError().isEmpty());
            assertThat(source.lastError()).isEqualTo("the broker rejected the user name or password");
            assertThat(source.state()).isEqualTo(ConnectionState.CONNECTING);
        }
        assertThat(log.list).isNotEmpty();
        assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains(SECRET));
    }

    @Test
    void theRightPasswordConnects() {
        MosquittoBroker.assumeInstalled();
        try (MosquittoBroker broker = MosquittoBroker.startWithPassword(dir.resolve("m"), "console", SECRET);
             MqttTelemetrySource source = new MqttTelemetrySource(settings(broker.uri(), SECRET), pipeline)) {
            source.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> source.state() == ConnectionState.CONNECTED);
        }
        assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains(SECRET));
    }

    @Test
    void anUnreachableBrokerIsNamedAndRetriedUntilItComes() {
        int port = EmbeddedBroker.freePort();
        try (MqttTelemetrySource source = new MqttTelemetrySource(
                MqttSettings.persistent("tcp://127.0.0.1:" + port, "console-unreachable-it", List.of("plant/#"), 1),
                pipeline)) {
            source.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> source.lastError().startsWith("broker unreachable"));
            assertThat(source.state()).isEqualTo(ConnectionState.CONNECTING);
            try (EmbeddedBroker broker = EmbeddedBroker.start(port, null)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> source.state() == ConnectionState.CONNECTED);
                assertThat(source.lastError()).isEmpty();
            }
        }
    }
}
