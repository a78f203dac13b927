package io.plantconsole.telemetry.view;

import static io.plantconsole.telemetry.view.TelemetryFixture.BEAN_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.MOISTURE;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.view.DiagnosticsViewModel.CauseRow;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiagnosticsViewModelTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private TestClock clock;
    private TelemetryFixture plant;
    private DiagnosticsViewModel vm;

    @BeforeEach
    void setUp() {
        clock = new TestClock(1_714_566_000_000L, ZONE);
        plant = new TelemetryFixture(clock);
        vm = new DiagnosticsViewModel(plant.hub, plant.pipeline, new TelemetryFormat(ZONE));
    }

    @AfterEach
    void tearDown() {
        plant.close();
    }

    private CauseRow cause(BadCause c) {
        return vm.causes().stream().filter(r -> r.cause() == c).findFirst().orElseThrow();
    }

    @Test
    void countsRejectedInputPerCauseAndKeepsDroppedApart() {
        plant.hub.reject(BadCause.INVALID_JSON, "plant/roaster1/bean_temp", "unexpected '}' at 14");
        plant.hub.reject(BadCause.INVALID_JSON, "plant/roaster1/bean_temp", "empty payload");
        plant.hub.reject(BadCause.QUEUE_FULL, "plant/dryer1/moisture", "ingest queue full (1024 waiting)");

        vm.refresh();

        assertThat(vm.causes()).hasSize(BadCause.values().length);
        assertThat(cause(BadCause.INVALID_JSON).count()).isEqualTo(2);
        assertThat(cause(BadCause.INVALID_JSON).label()).isEqualTo("invalid JSON");
        assertThat(vm.badTotalProperty().get()).isEqualTo("2");
        assertThat(vm.droppedProperty().get()).isEqualTo("1");
        assertThat(vm.anyBadProperty().get()).isTrue();
        assertThat(vm.anyDroppedProperty().get()).isTrue();
    }

    @Test
    void examplesShowLocalTimeCauseTopicAndDetailNewestFirst() {
        plant.hub.reject(BadCause.OUT_OF_ORDER, "plant/a", "first");
        clock.advance(61_000);
        plant.hub.reject(BadCause.NOT_FINITE, "plant/b", "roaster1.bean_temp = NaN");

        vm.refresh();

        assertThat(vm.examples()).hasSize(2);
        var newest = vm.examples().get(0);
        assertThat(newest.time()).isEqualTo("14:21:01");
        assertThat(newest.cause()).isEqualTo("NaN or infinite value");
        assertThat(newest.topic()).isEqualTo("plant/b");
        assertThat(newest.detail()).isEqualTo("roaster1.bean_temp = NaN");
    }

    @Test
    void channelRowsCountReceivedAndRejectedWithLastArrivalAndQuality() {
        plant.accept(BEAN_TEMP, 120);
        clock.advance(100);
        plant.accept(BEAN_TEMP, 121);
        plant.hub.accept(BEAN_TEMP, clock.millis() - 1000, 119, Quality.GOOD, 0); // out of order

        vm.refresh();

        var row = vm.channel(BEAN_TEMP);
        assertThat(row.receivedProperty().get()).isEqualTo("2");
        assertThat(row.rejectedProperty().get()).isEqualTo("1");
        assertThat(row.lastArrivalProperty().get()).isEqualTo("14:20:00");
        assertThat(row.lastValueProperty().get()).isEqualTo("121.0 °C");
        assertThat(row.qualityTextProperty().get()).isEqualTo("GOOD");
        assertThat(vm.channel(MOISTURE).qualityTextProperty().get()).isEqualTo("NO DATA");
        assertThat(vm.channel(MOISTURE).lastArrivalProperty().get()).isEqualTo("—");
        assertThat(vm.acceptedSamplesProperty().get()).isEqualTo("2");
    }

    @Test
    void aChannelRowCountsBadPayloadsOnItsTopicSoTheTableNamesTheSensor() {
        for (int i = 0; i < 239; i++) {
            plant.hub.reject(BadCause.INVALID_JSON, i < 200 ? "plant/roaster1/bean_temp" : "plant/roaster1/drum_temp",
                    "unexpected character");
        }
        plant.hub.reject(BadCause.PARSER_LIMIT, "plant/roaster1/drum_temp", "a number of 71 characters is longer "
                + "than the limit of 64 characters");
        plant.hub.reject(BadCause.QUEUE_FULL, "plant/dryer1/moisture", "ingest queue full (1024 waiting)");

        vm.refresh();

        assertThat(vm.channel(BEAN_TEMP).rejectedProperty().get()).isEqualTo("200");
        assertThat(vm.channel(TelemetryFixture.DRUM_TEMP).rejectedCount()).isEqualTo(40);
        assertThat(vm.channel(MOISTURE).rejectedProperty().get()).as("a drop is not the sensor's fault").isEqualTo("0");
        assertThat(cause(BadCause.PARSER_LIMIT).label()).isEqualTo("over a parser limit");
        assertThat(cause(BadCause.PARSER_LIMIT).count()).isEqualTo(1);
        assertThat(vm.badTotalProperty().get()).isEqualTo("240");
    }

    @Test
    void messageCountersComeFromThePipeline() {
        plant.pipeline.offer("plant/unknown", new byte[] {1}, false);
        vm.refresh();
        assertThat(vm.messagesReceivedProperty().get()).isEqualTo("1");
        assertThat(vm.queueDepthProperty().get()).matches("[01]");
        assertThat(vm.updatedAtProperty().get()).isEqualTo("Updated 14:20:00");
    }

    @Test
    void rowsAreStableAcrossRefreshes() {
        var before = vm.channel(BEAN_TEMP);
        plant.accept(BEAN_TEMP, 120);
        vm.refresh();
        assertThat(vm.channel(BEAN_TEMP)).isSameAs(before);
        assertThat(vm.channels()).hasSize(7);
    }
}
