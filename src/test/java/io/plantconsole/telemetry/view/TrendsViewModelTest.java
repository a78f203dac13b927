package io.plantconsole.telemetry.view;

import static io.plantconsole.telemetry.view.TelemetryFixture.AIR_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.BEAN_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.BOX_PH;
import static io.plantconsole.telemetry.view.TelemetryFixture.BOX_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.DRUM_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.MOISTURE;
import static io.plantconsole.telemetry.view.TelemetryFixture.VIBRATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.kernel.util.CsvExport;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.TrendsViewModel.AreaHeader;
import io.plantconsole.telemetry.view.TrendsViewModel.Pen;
import io.plantconsole.telemetry.view.TrendsViewModel.PenState;
import io.plantconsole.telemetry.view.TrendsViewModel.TimeWindow;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrendsViewModelTest {
    private static final long T0 = 1_714_566_000_000L; // 2024-05-01 12:20:00 UTC
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private TestClock clock;
    private TelemetryFixture plant;
    private TrendsViewModel vm;

    @BeforeEach
    void setUp() {
        clock = new TestClock(T0, ZONE);
        plant = new TelemetryFixture(clock);
        vm = new TrendsViewModel(plant.hub, new TelemetryFormat(ZONE));
        // One old sample per channel, so windows start inside the native ring (the hub answers windows that reach
        // back before a channel's oldest native sample from its 1-second min/max tier).
        for (var c : plant.catalogue.channels()) {
            plant.hub.accept(c.id(), T0 - 7_200_000, c.normalLow(), io.plantconsole.telemetry.model.Quality.GOOD, 0);
        }
    }

    @AfterEach
    void tearDown() {
        plant.close();
    }

    private List<String> selectedIds() {
        return vm.selectedPens().stream().map(Pen::id).toList();
    }

    @Test
    void startsLiveOnTenMinutesWithTheFirstAreasPens() {
        assertThat(vm.isLive()).isTrue();
        assertThat(vm.window()).isEqualTo(TimeWindow.MIN_10);
        assertThat(selectedIds()).containsExactly(BEAN_TEMP, DRUM_TEMP, VIBRATION);
        assertThat(vm.selectedPens()).extracting(Pen::slot).containsExactly(0, 1, 2);
        assertThat(vm.selectionSummaryProperty().get()).isEqualTo("3 of 8 pens");
    }

    @Test
    void penListGroupsPensUnderTheirAreaHeaders() {
        assertThat(vm.penList()).hasSize(3 + 7);
        assertThat(vm.penList().get(0)).isEqualTo(new AreaHeader("Roasting", 3));
        assertThat(vm.penList().get(4)).isEqualTo(new AreaHeader("Drying", 2));
    }

    @Test
    void textFilterMatchesNameEquipmentOrUnitAndDropsEmptyAreas() {
        vm.filterTextProperty().set("ph");
        assertThat(vm.penList()).containsExactly(new AreaHeader("Fermentation", 1), vm.pen(BOX_PH));

        vm.filterTextProperty().set("dryer 1");
        assertThat(vm.penList()).containsExactly(new AreaHeader("Drying", 2), vm.pen(MOISTURE), vm.pen(AIR_TEMP));

        vm.filterTextProperty().set("°c");
        assertThat(vm.penList()).filteredOn(e -> e instanceof Pen).hasSize(4);
    }

    @Test
    void areaFilterShowsOnlyThatArea() {
        vm.areaFilterProperty().set("Drying");
        assertThat(vm.penList()).containsExactly(new AreaHeader("Drying", 2), vm.pen(MOISTURE), vm.pen(AIR_TEMP));
        vm.areaFilterProperty().set(null);
        assertThat(vm.penList()).hasSize(10);
    }

    @Test
    void refusesAPenBeyondTheLimitAndSaysWhy() {
        TelemetryHub hub = new TelemetryHub(catalogueOf(10), clock, TelemetryHub.Settings.defaults());
        TrendsViewModel many = new TrendsViewModel(hub, new TelemetryFormat(ZONE));
        assertThat(many.selectedPens()).hasSize(TrendsViewModel.MAX_PENS);

        boolean added = many.setPenSelected(many.pen("c9"), true);

        assertThat(added).isFalse();
        assertThat(many.pen("c9").isSelected()).isFalse();
        assertThat(many.messageProperty().get()).contains("At most 8 pens");
    }

    @Test
    void aRemovedPensColourSlotIsReusedAndOthersKeepTheirs() {
        vm.setPenSelected(vm.pen(DRUM_TEMP), false);
        assertThat(vm.pen(BEAN_TEMP).slot()).isZero();
        assertThat(vm.pen(VIBRATION).slot()).isEqualTo(2);
        assertThat(vm.pen(DRUM_TEMP).slot()).isEqualTo(-1);

        vm.setPenSelected(vm.pen(MOISTURE), true);

        assertThat(vm.pen(MOISTURE).slot()).isEqualTo(1);
        assertThat(selectedIds()).containsExactly(BEAN_TEMP, MOISTURE, VIBRATION);
    }

    @Test
    void pensShareOneAxisPerUnitInOrderOfFirstAppearance() {
        vm.setPenSelected(vm.pen(MOISTURE), true);
        vm.setPenSelected(vm.pen(BOX_TEMP), true);

        assertThat(vm.unitGroups()).extracting(TrendsViewModel.UnitGroup::unit).containsExactly("°C", "mm/s", "%");
        assertThat(vm.unitGroups().get(0).pens()).extracting(Pen::id).containsExactly(BEAN_TEMP, DRUM_TEMP, BOX_TEMP);
    }

    @Test
    void showAreaSelectsTheAreasPensFiltersTheListAndGoesLive() {
        vm.pause();

        vm.showArea("Drying");

        assertThat(selectedIds()).containsExactly(MOISTURE, AIR_TEMP);
        assertThat(vm.areaFilterProperty().get()).isEqualTo("Drying");
        assertThat(vm.isLive()).isTrue();
    }

    @Test
    void refreshIntervalIsOnePixelOfMovementBetween25HzAndOncePerSecond() {
        assertThat(TrendsViewModel.refreshIntervalMillis(TimeWindow.MIN_1, 1000)).isEqualTo(60);
        assertThat(TrendsViewModel.refreshIntervalMillis(TimeWindow.MIN_1, 2000)).isEqualTo(40);
        assertThat(TrendsViewModel.refreshIntervalMillis(TimeWindow.MIN_10, 1200)).isEqualTo(500);
        assertThat(TrendsViewModel.refreshIntervalMillis(TimeWindow.HOUR_24, 1200)).isEqualTo(1000);
        assertThat(TrendsViewModel.refreshIntervalMillis(TimeWindow.MIN_1, 0)).isEqualTo(60);
        assertThat(TrendsViewModel.maxPoints(900)).isEqualTo(1800);
    }

    @Test
    void liveRefreshReadsTheWindowEndingNowOnlyWhenDue() {
        for (int i = 0; i < 50; i++) {
            plant.accept(BEAN_TEMP, 120 + i * 0.1);
            clock.advance(100);
        }
        assertThat(vm.refresh(1000)).isTrue();
        assertThat(vm.viewTo()).isEqualTo(clock.millis() / 1000.0);
        assertThat(vm.viewFrom()).isEqualTo(clock.millis() / 1000.0 - 600);
        assertThat(vm.pen(BEAN_TEMP).finitePoints()).isEqualTo(50);
        assertThat(vm.showsLiveData(5)).isTrue();

        clock.advance(100);
        assertThat(vm.refresh(1000)).as("10 min over 1000 px moves one pixel per 600 ms").isFalse();
        clock.advance(500);
        assertThat(vm.refresh(1000)).isTrue();
    }

    @Test
    void pausedViewReadsTheZoomedRangeOnceAndWindowChoiceGoesLive() {
        for (int i = 0; i < 100; i++) {
            plant.accept(BEAN_TEMP, 100 + i);
            clock.advance(100);
        }
        vm.refresh(1000);
        vm.pause();
        double from = (T0 + 2_000) / 1000.0;
        double to = (T0 + 4_000) / 1000.0;

        vm.setViewRange(from, to);

        assertThat(vm.rangeTextProperty().get()).startsWith("Paused · ");
        assertThat(vm.refresh(1000)).isTrue();
        assertThat(vm.pen(BEAN_TEMP).finitePoints()).isEqualTo(21);
        clock.advance(5_000);
        assertThat(vm.refresh(1000)).as("nothing moved").isFalse();

        vm.chooseWindow(TimeWindow.MIN_1);
        assertThat(vm.isLive()).isTrue();
        assertThat(vm.rangeTextProperty().get()).isEqualTo("Live · last 1 min");
        assertThat(vm.refresh(1000)).isTrue();
    }

    @Test
    void aSilentChannelIsMarkedStaleAndABadOneBad() {
        plant.accept(BEAN_TEMP, 120);
        plant.hub.accept(DRUM_TEMP, clock.millis(), 180, io.plantconsole.telemetry.model.Quality.BAD, 0);
        vm.refresh(1000);
        assertThat(vm.pen(BEAN_TEMP).state()).isEqualTo(PenState.LIVE);
        assertThat(vm.pen(DRUM_TEMP).state()).isEqualTo(PenState.BAD);
        assertThat(vm.pen(BEAN_TEMP).valueText()).isEqualTo("120.0 °C");

        clock.advance(10_000);
        vm.refresh(1000);

        assertThat(vm.pen(BEAN_TEMP).state()).isEqualTo(PenState.STALE);
        assertThat(vm.pen(BEAN_TEMP).state().badge()).isEqualTo("STALE");
    }

    @Test
    void aChannelWithoutSamplesShowsNoData() {
        try (TelemetryFixture fresh = new TelemetryFixture(clock)) {
            TrendsViewModel empty = new TrendsViewModel(fresh.hub, new TelemetryFormat(ZONE));
            empty.refresh(1000);
            assertThat(empty.pen(VIBRATION).state()).isEqualTo(PenState.NO_DATA);
            assertThat(empty.pen(VIBRATION).valueText()).isEqualTo("—");
            assertThat(empty.showsLiveData(1)).isFalse();
        }
    }

    @Test
    void cursorReadsEveryPenAtOneTimeAndSaysNoDataInAGap() {
        for (int i = 0; i < 20; i++) {
            plant.accept(BEAN_TEMP, 100 + i);
            plant.accept(VIBRATION, 2.5);
            clock.advance(100);
        }
        clock.advance(10_000); // a gap: the bean temperature goes silent
        plant.accept(BEAN_TEMP, 130);
        vm.refresh(1000);

        vm.moveCursor((T0 + 550) / 1000.0);

        assertThat(vm.pen(BEAN_TEMP).valueText()).isEqualTo("105.0 °C");
        assertThat(vm.pen(VIBRATION).valueText()).isEqualTo("2.5 mm/s");
        assertThat(vm.cursorTimeTextProperty().get()).isEqualTo("14:20:00");
        assertThat(vm.cursorReadings()).extracting(TrendsViewModel.CursorReading::name)
                .containsExactly("Roaster 1 bean temperature", "Roaster 1 drum temperature",
                        "Roaster 1 drum vibration");

        vm.moveCursor((T0 + 7_000) / 1000.0);
        assertThat(vm.pen(BEAN_TEMP).valueText()).isEqualTo("no data");

        vm.clearCursor();
        assertThat(vm.pen(BEAN_TEMP).valueText()).isEqualTo("130.0 °C");
        assertThat(vm.cursorReadings()).isEmpty();
    }

    @Test
    void valueAtFindsTheLastSampleAtOrBeforeTheTime() {
        for (int i = 0; i < 5; i++) {
            plant.accept(MOISTURE, 7 + i * 0.1);
            clock.advance(1000);
        }
        vm.setPenSelected(vm.pen(MOISTURE), true);
        vm.refresh(1000);
        var b = vm.pen(MOISTURE).buffer();

        assertThat(TrendsViewModel.valueAt(b, (T0 - 1) / 1000.0, 5000)).isNaN();
        assertThat(TrendsViewModel.valueAt(b, (T0 + 2500) / 1000.0, 5000)).isEqualTo(7.2, within());
        assertThat(TrendsViewModel.valueAt(b, (T0 + 60_000) / 1000.0, 5000)).as("long after the last").isNaN();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    @Test
    void csvExportHasOneRowPerShownPointWithLocalTimeAndUnit() {
        plant.accept(BEAN_TEMP, 121.5);
        clock.advance(100);
        plant.accept(BEAN_TEMP, 121.7);
        vm.refresh(1000);

        CsvExport.Table table = vm.csvTable();

        assertThat(table.header()).containsExactly("time", "epoch_s", "pen", "channel_id", "value", "unit",
                "quality");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0)).containsExactly("2024-05-01T14:20:00.000+02:00", "1714566000.000",
                "Roaster 1 bean temperature", BEAN_TEMP, "121.5", "°C", "GOOD");
        assertThat(vm.exportFileName("csv")).isEqualTo("trends-20240501-142000.csv");
    }

    @Test
    void yAxisRangesAreRoundAndDoNotJitterWithEverySample() {
        TrendsViewModel.AxisRange r = TrendsViewModel.niceRange(3.93, 4.65, 0.06);
        assertThat(r.min()).isEqualTo(3.8, within());
        assertThat(r.max()).isEqualTo(4.8, within());

        for (int i = 0; i < 30; i++) {
            plant.accept(BEAN_TEMP, 120 + (i % 5));
            clock.advance(100);
        }
        vm.refresh(1000);
        var celsius = vm.unitGroups().get(0);
        TrendsViewModel.AxisRange first = vm.yRange(celsius);
        assertThat(first.min()).isEqualTo(119.0, within());
        assertThat(first.max()).isEqualTo(125.0, within());

        plant.accept(BEAN_TEMP, 121);
        clock.advance(1000);
        vm.refresh(1000);
        assertThat(vm.yRange(celsius)).as("data still inside: same range").isSameAs(first);
    }

    @Test
    void aFlatLineGetsOnePercentOfItsInstrumentRange() {
        TrendsViewModel.AxisRange r = TrendsViewModel.niceRange(4.0, 4.0, 0.06);
        assertThat(r.min()).isLessThan(4.0);
        assertThat(r.max()).isGreaterThan(4.0);
        assertThat(r.max() - r.min()).isLessThan(0.2);
    }

    @Test
    void clearingPensEmptiesTheChartSelection() {
        vm.clearPens();
        assertThat(vm.selectedPens()).isEmpty();
        assertThat(vm.unitGroups()).isEmpty();
        assertThat(vm.showsLiveData(1)).isFalse();
    }

    private static ChannelCatalogue catalogueOf(int n) {
        List<ChannelDef> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new ChannelDef("c" + i, "Channel " + i, "Area", "Eq", "°C", 0, 100, 10, 90, 1,
                    new ChannelSource(SourceKind.JSON, "t/" + i, "")));
        }
        return new ChannelCatalogue(list);
    }
}
