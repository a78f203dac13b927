package io.plantconsole.telemetry.view;

import static io.plantconsole.telemetry.view.TelemetryFixture.AIR_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.BEAN_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.BOX_PH;
import static io.plantconsole.telemetry.view.TelemetryFixture.DRUM_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.MOISTURE;
import static io.plantconsole.telemetry.view.TelemetryFixture.VIBRATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.view.OverviewViewModel.AreaSection;
import io.plantconsole.telemetry.view.OverviewViewModel.TileState;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {
    private TestClock clock;
    private TelemetryFixture plant;
    private OverviewViewModel vm;

    @BeforeEach
    void setUp() {
        clock = new TestClock(1_714_566_000_000L, ZoneOffset.UTC);
        plant = new TelemetryFixture(clock);
        vm = new OverviewViewModel(plant.hub);
    }

    @AfterEach
    void tearDown() {
        plant.close();
    }

    @Test
    void oneSectionPerAreaInCatalogueOrder() {
        assertThat(vm.sections()).extracting(AreaSection::area).containsExactly("Roasting", "Drying", "Fermentation");
        assertThat(vm.sections().get(0).tiles()).hasSize(3);
    }

    @Test
    void valuesInsideTheNormalBandAreNormalAndOutsideAreHighOrLow() {
        plant.accept(BEAN_TEMP, 120);
        plant.accept(DRUM_TEMP, 240);
        plant.accept(MOISTURE, 5.2);

        vm.refresh();

        assertThat(vm.tile(BEAN_TEMP).state()).isEqualTo(TileState.NORMAL);
        assertThat(vm.tile(BEAN_TEMP).state().badge()).isEmpty();
        assertThat(vm.tile(DRUM_TEMP).state()).isEqualTo(TileState.HIGH);
        assertThat(vm.tile(DRUM_TEMP).state().badge()).isEqualTo("HIGH");
        assertThat(vm.tile(MOISTURE).state()).isEqualTo(TileState.LOW);
        assertThat(vm.tile(MOISTURE).valueText()).isEqualTo("5.2 %");
        assertThat(vm.tile(BEAN_TEMP).normalBand()).isEqualTo("Normal 110.0–135.0 °C");
    }

    @Test
    void staleBeatsBadBeatsOutOfBand() {
        plant.accept(BEAN_TEMP, 300);
        plant.hub.accept(DRUM_TEMP, clock.millis(), 999, Quality.BAD, 0);
        vm.refresh();
        assertThat(vm.tile(DRUM_TEMP).state()).isEqualTo(TileState.BAD);
        assertThat(vm.tile(BEAN_TEMP).state()).isEqualTo(TileState.HIGH);

        clock.advance(10_000);
        vm.refresh();

        assertThat(vm.tile(BEAN_TEMP).state()).isEqualTo(TileState.STALE);
        assertThat(vm.tile(DRUM_TEMP).state()).isEqualTo(TileState.STALE);
        assertThat(vm.tile(BEAN_TEMP).hasFreshValue()).as("a stale value does not extend the sparkline").isFalse();
    }

    @Test
    void aChannelWithoutSamplesShowsNoData() {
        assertThat(vm.tile(BOX_PH).state()).isEqualTo(TileState.NO_DATA);
        assertThat(vm.tile(BOX_PH).valueText()).isEqualTo("—");
        assertThat(vm.tile(BOX_PH).hasFreshValue()).isFalse();
    }

    @Test
    void freshValuesFeedTheSparkline() {
        plant.accept(VIBRATION, 3.3);
        vm.refresh();
        assertThat(vm.tile(VIBRATION).hasFreshValue()).isTrue();
        assertThat(vm.tile(VIBRATION).value()).isEqualTo(3.3);
        assertThat(vm.tile(VIBRATION).decimals()).isEqualTo(1);
        assertThat(vm.tile(BOX_PH).decimals()).isEqualTo(2);
    }

    @Test
    void recentValuesResampleTheLastMinuteForTheSparkline() {
        for (int i = 0; i < 60; i++) {
            plant.accept(MOISTURE, 7 + i * 0.01);
            clock.advance(1000);
        }
        double[] v = vm.recentValues(MOISTURE, 120, 500);
        assertThat(v).hasSize(120);
        assertThat(v[119]).isEqualTo(7.59, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v[0]).isEqualTo(7.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(vm.recentValues(BOX_PH, 10, 500)).containsOnly(Double.NaN);
    }

    @Test
    void sparklineSeedStartsAtTheFirstRealValueAndFillsGaps() {
        clock.advance(50_000);
        plant.accept(MOISTURE, 7.2);
        clock.advance(2_000);
        plant.accept(MOISTURE, 7.4);
        clock.advance(1_000); // the hub's 1-second tier shows a bucket once it is complete

        double[] seed = vm.sparklineSeed(MOISTURE, 120, 500);

        assertThat(seed).hasSize(120);
        assertThat(seed[0]).as("before the first sample: the first value, not the range's low end").isEqualTo(7.2);
        assertThat(seed[119]).isEqualTo(7.4);
        assertThat(seed).doesNotContain(Double.NaN);
        assertThat(vm.sparklineSeed(BOX_PH, 120, 500)).isEmpty();
    }

    @Test
    void summariesCountTheFlaggedTilesPerAreaAndForThePlant() {
        plant.accept(BEAN_TEMP, 120);
        plant.accept(DRUM_TEMP, 200);
        plant.accept(VIBRATION, 9);
        plant.accept(MOISTURE, 7);
        plant.accept(AIR_TEMP, 55);
        vm.refresh();

        assertThat(vm.sections().get(0).summaryProperty().get()).isEqualTo("3 channels · 1 high");
        assertThat(vm.sections().get(0).worstProperty().get()).isEqualTo(TileState.HIGH);
        assertThat(vm.sections().get(1).summaryProperty().get()).isEqualTo("2 channels · all normal");
        assertThat(vm.summaryProperty().get()).isEqualTo("7 channels · 1 high · 2 no data");
        assertThat(vm.worstProperty().get().flagged()).isTrue();
    }
}
