package io.plantconsole.telemetry.view.trend;

import static io.plantconsole.telemetry.view.TelemetryFixture.BEAN_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.DRUM_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.MOISTURE;
import static io.plantconsole.telemetry.view.TelemetryFixture.VIBRATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.view.TelemetryFixture;
import io.plantconsole.telemetry.view.TelemetryFormat;
import io.plantconsole.telemetry.view.TestClock;
import io.plantconsole.telemetry.view.trend.TrendChartModel.ReadCadence;
import java.time.ZoneId;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the trend chart shows and when it reads the hub, without the toolkit. */
class TrendChartModelTest {
    private static final long T0 = 1_714_566_000_000L; // 2024-05-01 12:20:00 UTC
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private TestClock clock;
    private TelemetryFixture plant;
    private TrendChartModel model;

    @BeforeEach
    void setUp() {
        clock = new TestClock(T0, ZONE);
        plant = new TelemetryFixture(clock);
        model = new TrendChartModel(plant.hub, new TelemetryFormat(ZONE));
        model.selection().selectOnly(plant.catalogue.inArea("Roasting"));
        // One old sample per channel, so windows start inside the native ring (the hub answers windows that reach
        // back before a channel's oldest native sample from its 1-second min/max tier).
        for (var c : plant.catalogue.channels()) {
            plant.hub.accept(c.id(), T0 - 7_200_000, c.normalLow(), Quality.GOOD, 0);
        }
    }

    @AfterEach
    void tearDown() {
        plant.close();
    }

    private TrendPen pen(String id) {
        return model.selection().pen(id);
    }

    @Test
    void startsLiveOnTenMinutesWithNoPensOfItsOwn() {
        TrendChartModel fresh = new TrendChartModel(plant.hub, new TelemetryFormat(ZONE));
        assertThat(fresh.isLive()).isTrue();
        assertThat(fresh.window()).isEqualTo(TimeWindow.MIN_10);
        assertThat(fresh.selectedPens()).isEmpty();
        assertThat(fresh.rangeTextProperty().get()).isEqualTo("Live · last 10 min");
        assertThat(fresh.viewTo() - fresh.viewFrom()).isEqualTo(600, Offset.offset(1e-9));
    }

    @Test
    void refreshIntervalIsOnePixelOfMovementBetween25HzAndOncePerSecond() {
        assertThat(TrendChartModel.refreshIntervalMillis(TimeWindow.MIN_1, 1000)).isEqualTo(60);
        assertThat(TrendChartModel.refreshIntervalMillis(TimeWindow.MIN_1, 2000)).isEqualTo(40);
        assertThat(TrendChartModel.refreshIntervalMillis(TimeWindow.MIN_10, 1200)).isEqualTo(500);
        assertThat(TrendChartModel.refreshIntervalMillis(TimeWindow.HOUR_24, 1200)).isEqualTo(1000);
        assertThat(TrendChartModel.refreshIntervalMillis(TimeWindow.MIN_1, 0)).isEqualTo(60);
        assertThat(TrendChartModel.maxPoints(900)).isEqualTo(1800);
        assertThat(TrendChartModel.maxPoints(0)).isEqualTo(2000);
    }

    @Test
    void liveRefreshReadsTheWindowEndingNowOnlyWhenDue() {
        for (int i = 0; i < 50; i++) {
            plant.accept(BEAN_TEMP, 120 + i * 0.1);
            clock.advance(100);
        }
        assertThat(model.refresh(1000)).isTrue();
        assertThat(model.viewTo()).isEqualTo(clock.millis() / 1000.0);
        assertThat(model.viewFrom()).isEqualTo(clock.millis() / 1000.0 - 600);
        assertThat(pen(BEAN_TEMP).finitePoints()).isEqualTo(50);
        assertThat(model.showsLiveData(5)).isTrue();

        clock.advance(100);
        assertThat(model.refresh(1000)).as("10 min over 1000 px moves one pixel per 600 ms").isFalse();
        clock.advance(500);
        assertThat(model.refresh(1000)).isTrue();
    }

    @Test
    void theEveryRefreshCadenceReadsOnEveryTick() {
        plant.accept(BEAN_TEMP, 120);
        model.setReadCadence(ReadCadence.EVERY_REFRESH);
        assertThat(model.refresh(1000)).isTrue();
        clock.advance(40);
        plant.accept(BEAN_TEMP, 121);

        assertThat(model.refresh(1000)).isTrue();
        assertThat(model.viewTo()).isEqualTo(clock.millis() / 1000.0);
        assertThat(pen(BEAN_TEMP).finitePoints()).isEqualTo(2);
    }

    @Test
    void choosingAnotherPenMakesTheNextRefreshReadAtOnce() {
        assertThat(model.refresh(1000)).isTrue();
        clock.advance(40);
        assertThat(model.refresh(1000)).isFalse();

        model.selection().set(pen(MOISTURE), true);

        assertThat(model.refresh(1000)).isTrue();
    }

    @Test
    void pausedViewReadsTheZoomedRangeOnceAndWindowChoiceGoesLive() {
        for (int i = 0; i < 100; i++) {
            plant.accept(BEAN_TEMP, 100 + i);
            clock.advance(100);
        }
        model.refresh(1000);
        model.pause();
        double from = (T0 + 2_000) / 1000.0;
        double to = (T0 + 4_000) / 1000.0;

        model.setViewRange(from, to);

        assertThat(model.rangeTextProperty().get()).startsWith("Paused · ");
        assertThat(model.refresh(1000)).isTrue();
        assertThat(pen(BEAN_TEMP).finitePoints()).isEqualTo(21);
        clock.advance(5_000);
        assertThat(model.refresh(1000)).as("nothing moved").isFalse();

        model.chooseWindow(TimeWindow.MIN_1);
        assertThat(model.isLive()).isTrue();
        assertThat(model.rangeTextProperty().get()).isEqualTo("Live · last 1 min");
        assertThat(model.refresh(1000)).isTrue();
    }

    @Test
    void aViewRangeIsIgnoredWhileLive() {
        model.refresh(1000);
        double to = model.viewTo();

        model.setViewRange(to - 10, to - 5);

        assertThat(model.viewTo()).isEqualTo(to);
        assertThat(model.rangeTextProperty().get()).startsWith("Live");
    }

    @Test
    void aSilentChannelIsMarkedStaleAndABadOneBad() {
        plant.accept(BEAN_TEMP, 120);
        plant.hub.accept(DRUM_TEMP, clock.millis(), 180, Quality.BAD, 0);
        model.refresh(1000);
        assertThat(pen(BEAN_TEMP).state()).isEqualTo(PenState.LIVE);
        assertThat(pen(DRUM_TEMP).state()).isEqualTo(PenState.BAD);
        assertThat(pen(BEAN_TEMP).valueText()).isEqualTo("120.0 °C");

        clock.advance(10_000);
        model.refresh(1000);

        assertThat(pen(BEAN_TEMP).state()).isEqualTo(PenState.STALE);
        assertThat(pen(BEAN_TEMP).state().badge()).isEqualTo("STALE");
    }

    @Test
    void aChannelWithoutSamplesShowsNoData() {
        try (TelemetryFixture fresh = new TelemetryFixture(clock)) {
            TrendChartModel empty = new TrendChartModel(fresh.hub, new TelemetryFormat(ZONE));
            empty.selection().selectOnly(fresh.catalogue.inArea("Roasting"));
            empty.refresh(1000);
            assertThat(empty.selection().pen(VIBRATION).state()).isEqualTo(PenState.NO_DATA);
            assertThat(empty.selection().pen(VIBRATION).valueText()).isEqualTo("—");
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
        model.refresh(1000);
        CursorReadout cursor = model.cursor();

        cursor.moveTo((T0 + 550) / 1000.0);

        assertThat(pen(BEAN_TEMP).valueText()).isEqualTo("105.0 °C");
        assertThat(pen(VIBRATION).valueText()).isEqualTo("2.5 mm/s");
        assertThat(cursor.timeTextProperty().get()).isEqualTo("14:20:00");
        assertThat(cursor.readings()).extracting(CursorReading::name)
                .containsExactly("Roaster 1 bean temperature", "Roaster 1 drum temperature",
                        "Roaster 1 drum vibration");

        cursor.moveTo((T0 + 7_000) / 1000.0);
        assertThat(pen(BEAN_TEMP).valueText()).isEqualTo("no data");

        cursor.clear();
        assertThat(pen(BEAN_TEMP).valueText()).isEqualTo("130.0 °C");
        assertThat(cursor.readings()).isEmpty();
    }

    @Test
    void aStatusUpdateKeepsTheCursorsValueAndANewReadMovesIt() {
        for (int i = 0; i < 20; i++) {
            plant.accept(BEAN_TEMP, 100 + i);
            clock.advance(100);
        }
        model.refresh(1000);
        model.cursor().moveTo((T0 + 550) / 1000.0);
        assertThat(pen(BEAN_TEMP).valueText()).isEqualTo("105.0 °C");

        clock.advance(600);
        plant.accept(BEAN_TEMP, 140);
        model.refresh(1000);

        assertThat(pen(BEAN_TEMP).valueText()).as("still the value at the cursor").isEqualTo("105.0 °C");
        assertThat(pen(BEAN_TEMP).latestText()).isEqualTo("140.0 °C");
    }

    @Test
    void yAxisRangesAreRoundAndDoNotJitterWithEverySample() {
        for (int i = 0; i < 30; i++) {
            plant.accept(BEAN_TEMP, 120 + (i % 5));
            clock.advance(100);
        }
        model.refresh(1000);
        UnitGroup celsius = model.unitGroups().get(0);
        AxisRange first = model.yRange(celsius);
        assertThat(first.min()).isEqualTo(119.0, Offset.offset(1e-9));
        assertThat(first.max()).isEqualTo(125.0, Offset.offset(1e-9));

        plant.accept(BEAN_TEMP, 121);
        clock.advance(1000);
        model.refresh(1000);
        assertThat(model.yRange(model.unitGroups().get(0))).as("data still inside: same range").isSameAs(first);

        model.chooseWindow(TimeWindow.MIN_1);
        assertThat(model.yRange(model.unitGroups().get(0))).as("a new window fits afresh").isNotSameAs(first);
    }
}
