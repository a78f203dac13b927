package io.plantconsole.app.shell;

import io.plantconsole.testing.TestUi;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.view.TelemetryFixture;
import io.plantconsole.telemetry.view.TestClock;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private TestClock clock;
    private TelemetryFixture plant;
    private ShellViewModel vm;

    @BeforeEach
    void setUp() {
        clock = new TestClock(1_714_566_000_000L, ZONE);
        plant = new TelemetryFixture(clock);
        vm = new ShellViewModel(TestUi.services(plant.hub, plant.pipeline, plant.source, clock, Path.of("exports")));
    }

    @AfterEach
    void tearDown() {
        plant.close();
    }

    @Test
    void connectedShowsNoBanner() {
        assertThat(vm.isBannerVisible()).isFalse();
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Broker connected");
        assertThat(vm.bannerDetailProperty().get()).isEmpty();
    }

    @Test
    void reconnectingShowsTheBannerWithTheLastErrorAndSince() {
        plant.source.report(ConnectionState.RECONNECTING, "Connection lost (32109) - java.io.EOFException");
        clock.advance(5_000);

        vm.onConnectionState(ConnectionState.RECONNECTING);

        assertThat(vm.isBannerVisible()).isTrue();
        assertThat(ShellViewModel.BANNER_TITLE).isEqualTo("Broker lost — reconnecting…");
        assertThat(vm.bannerDetailProperty().get())
                .startsWith("Last error: Connection lost (32109) - java.io.EOFException · since 14:20:05");
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Broker reconnecting…");
    }

    @Test
    void disconnectedAlsoShowsTheBannerAndConnectedHidesIt() {
        plant.source.report(ConnectionState.DISCONNECTED, "");
        vm.refresh();
        assertThat(vm.isBannerVisible()).isTrue();
        assertThat(vm.bannerDetailProperty().get()).startsWith("No error reported");

        plant.source.report(ConnectionState.CONNECTED, "");
        vm.refresh();
        assertThat(vm.isBannerVisible()).isFalse();
    }

    @Test
    void statusBarCountsAcceptedBadAndDroppedAndShowsLocalTime() {
        plant.accept(TelemetryFixture.BEAN_TEMP, 120);
        plant.hub.reject(BadCause.WRONG_TYPE, "plant/x", "string");
        plant.hub.reject(BadCause.QUEUE_FULL, "plant/x", "full");
        plant.hub.reject(BadCause.QUEUE_FULL, "plant/x", "full");

        vm.refresh();

        assertThat(vm.acceptedTextProperty().get()).isEqualTo("Accepted 1");
        assertThat(vm.badTextProperty().get()).isEqualTo("Bad 1");
        assertThat(vm.droppedTextProperty().get()).isEqualTo("Dropped 2");
        assertThat(vm.anyBadProperty().get()).isTrue();
        assertThat(vm.clockTextProperty().get()).isEqualTo("14:20:00");
    }

    @Test
    void messageRateIsPerSecondOverTheLastSeconds() {
        vm.refresh();
        for (int i = 0; i < 500; i++) {
            plant.pipeline.offer("plant/unknown", new byte[] {1}, false);
        }
        clock.advance(1000);
        vm.refresh();
        assertThat(vm.rateTextProperty().get()).isEqualTo("Messages 500/s");
    }
}
