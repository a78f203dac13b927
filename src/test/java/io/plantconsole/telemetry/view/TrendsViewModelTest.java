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
import io.plantconsole.telemetry.view.trend.AreaHeader;
import io.plantconsole.telemetry.view.trend.TimeWindow;
import io.plantconsole.telemetry.view.trend.TrendPen;
import io.plantconsole.telemetry.view.trend.UnitGroup;
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
        return vm.selectedPens().stream().map(TrendPen::id).toList();
    }

    @Test
    void startsLiveOnTenMinutesWithTheFirstAreasPens() {
        assertThat(vm.isLive()).isTrue();
        assertThat(vm.window()).isEqualTo(TimeWindow.MIN_10);
        assertThat(selectedIds()).containsExactly(BEAN_TEMP, DRUM_TEMP, VIBRATION);
        assertThat(vm.selectedPens()).extracting(TrendPen::slot).containsExactly(0, 1, 2);
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
        assertThat(vm.penList()).filteredOn(e -> e instanceof TrendPen).hasSize(4);
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

        assertThat(vm.unitGroups()).extracting(UnitGroup::unit).containsExactly("°C", "mm/s", "%");
        assertThat(vm.unitGroups().get(0).pens()).extracting(TrendPen::id).containsExactly(BEAN_TEMP, DRUM_TEMP, BOX_TEMP);
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
    void csvExportHasOneRowPerShownPointWithLocalTimeAndUnit() {
        plant.accept(BEAN_TEMP, 121.5);
        clock.advance(100);
        plant.accept(BEAN_TEMP, 121.7);
        vm.chart().refresh(1000);

        CsvExport.Table table = vm.csvTable();

        assertThat(table.header()).containsExactly("time", "epoch_s", "pen", "channel_id", "value", "unit",
                "quality");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0)).containsExactly("2024-05-01T14:20:00.000+02:00", "1714566000.000",
                "Roaster 1 bean temperature", BEAN_TEMP, "121.5", "°C", "GOOD");
        assertThat(vm.exportFileName("csv")).isEqualTo("trends-20240501-142000.csv");
    }

    @Test
    void clearingPensEmptiesTheChartSelection() {
        vm.clearPens();
        assertThat(vm.selectedPens()).isEmpty();
        assertThat(vm.unitGroups()).isEmpty();
        assertThat(vm.chart().showsLiveData(1)).isFalse();
        assertThat(vm.selectionSummaryProperty().get()).isEqualTo("0 of 8 pens");
    }

    @Test
    void removingAPenFromAFullChartTakesBackTheLimitNotice() {
        TelemetryHub hub = new TelemetryHub(catalogueOf(10), clock, TelemetryHub.Settings.defaults());
        TrendsViewModel many = new TrendsViewModel(hub, new TelemetryFormat(ZONE));
        many.setPenSelected(many.pen("c9"), true);
        assertThat(many.messageProperty().get()).startsWith("At most");

        many.setPenSelected(many.pen("c0"), false);

        assertThat(many.messageProperty().get()).isEmpty();
        assertThat(many.setPenSelected(many.pen("c9"), true)).isTrue();
        assertThat(many.pen("c9").slot()).as("the freed slot").isZero();
    }

    @Test
    void showingABigAreaSaysHowManyChannelsAreLeftOut() {
        TelemetryHub hub = new TelemetryHub(catalogueOf(10), clock, TelemetryHub.Settings.defaults());
        TrendsViewModel many = new TrendsViewModel(hub, new TelemetryFormat(ZONE));
        many.clearPens();

        many.showArea("Area");

        assertThat(many.selectedPens()).hasSize(TrendsViewModel.MAX_PENS);
        assertThat(many.messageProperty().get()).isEqualTo("Showing the first 8 of 10 channels of Area.");
    }

    @Test
    void theLiveToggleAndTheWindowChoiceDriveTheChartModel() {
        vm.toggleLive();
        assertThat(vm.isLive()).isFalse();
        assertThat(vm.chart().isLive()).isFalse();
        assertThat(vm.rangeTextProperty().get()).startsWith("Paused · ");

        vm.chooseWindow(TimeWindow.HOUR_1);

        assertThat(vm.chart().window()).isEqualTo(TimeWindow.HOUR_1);
        assertThat(vm.isLive()).isTrue();
        assertThat(vm.rangeTextProperty().get()).isEqualTo("Live · last 1 h");
        vm.toggleLive();
        vm.goLive();
        assertThat(vm.isLive()).isTrue();
    }

    @Test
    void aFailureNoticeIsMarkedAsAnErrorAndAnOrdinaryOneIsNot() {
        vm.notifyFailure("CSV export failed: disk full");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();

        vm.notifyUser("CSV saved to /tmp/x.csv");
        assertThat(vm.messageIsErrorProperty().get()).isFalse();
        vm.notifyFailure("again");
        vm.dismissMessage();
        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(vm.messageIsErrorProperty().get()).isFalse();
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
