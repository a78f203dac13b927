package io.plantconsole.telemetry.view.trend;

import static io.plantconsole.telemetry.view.TelemetryFixture.MOISTURE;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.SeriesBuffer;
import io.plantconsole.telemetry.view.TelemetryFixture;
import io.plantconsole.telemetry.view.TelemetryFormat;
import io.plantconsole.telemetry.view.TestClock;
import java.time.ZoneId;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cursor's reading of a series at one time. */
class CursorReadoutTest {
    private static final long T0 = 1_714_566_000_000L;
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private TestClock clock;
    private TelemetryFixture plant;

    @BeforeEach
    void setUp() {
        clock = new TestClock(T0, ZONE);
        plant = new TelemetryFixture(clock);
        plant.hub.accept(MOISTURE, T0 - 7_200_000, 6, Quality.GOOD, 0);
    }

    @AfterEach
    void tearDown() {
        plant.close();
    }

    private SeriesBuffer fiveMoistureSamples() {
        for (int i = 0; i < 5; i++) {
            plant.accept(MOISTURE, 7 + i * 0.1);
            clock.advance(1000);
        }
        SeriesBuffer b = new SeriesBuffer();
        plant.hub.read(MOISTURE, T0 - 1000, clock.millis(), 2000, b);
        return b;
    }

    @Test
    void valueAtFindsTheLastSampleAtOrBeforeTheTime() {
        SeriesBuffer b = fiveMoistureSamples();

        assertThat(CursorReadout.valueAt(b, (T0 - 1) / 1000.0, 5000)).isNaN();
        assertThat(CursorReadout.valueAt(b, (T0 + 2500) / 1000.0, 5000)).isEqualTo(7.2, Offset.offset(1e-9));
        assertThat(CursorReadout.valueAt(b, (T0 + 4000) / 1000.0, 5000)).as("exactly on a sample")
                .isEqualTo(7.4, Offset.offset(1e-9));
        assertThat(CursorReadout.valueAt(b, (T0 + 60_000) / 1000.0, 5000)).as("long after the last").isNaN();
    }

    @Test
    void anEmptySeriesReadsNothing() {
        assertThat(CursorReadout.valueAt(new SeriesBuffer(), T0 / 1000.0, 5000)).isNaN();
    }

    @Test
    void withoutACursorThereAreNoReadingsAndNoTime() {
        TrendChartModel model = new TrendChartModel(plant.hub, new TelemetryFormat(ZONE));
        model.selection().selectOnly(List.of(plant.catalogue.byId(MOISTURE).orElseThrow()));
        CursorReadout cursor = model.cursor();

        assertThat(cursor.isActive()).isFalse();
        assertThat(cursor.readings()).isEmpty();
        assertThat(cursor.timeTextProperty().get()).isEmpty();

        cursor.moveTo(T0 / 1000.0);
        assertThat(cursor.readings()).singleElement()
                .satisfies(r -> assertThat(r.slot()).isZero())
                .satisfies(r -> assertThat(r.value()).isEqualTo(CursorReadout.NO_DATA));
        cursor.clear();
        assertThat(cursor.isActive()).isFalse();
    }
}
