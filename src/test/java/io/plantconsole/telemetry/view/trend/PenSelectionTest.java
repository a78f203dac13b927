package io.plantconsole.telemetry.view.trend;

import static io.plantconsole.telemetry.view.TelemetryFixture.AIR_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.BEAN_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.BOX_PH;
import static io.plantconsole.telemetry.view.TelemetryFixture.DRUM_TEMP;
import static io.plantconsole.telemetry.view.TelemetryFixture.MOISTURE;
import static io.plantconsole.telemetry.view.TelemetryFixture.VIBRATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.TelemetryFixture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which pens are on the chart, and their colour slots. */
class PenSelectionTest {
    private final TelemetryHub hub = new TelemetryHub(TelemetryFixture.catalogue(), Clock.systemUTC(),
            TelemetryHub.Settings.defaults());
    private final PenSelection selection = new PenSelection(hub);

    private List<String> chosen() {
        return selection.selected().stream().map(TrendPen::id).toList();
    }

    @Test
    void everyChannelIsAPenAndNoneIsChosenAtFirst() {
        assertThat(selection.pens()).hasSize(7);
        assertThat(selection.selected()).isEmpty();
        assertThat(selection.pen(BEAN_TEMP).slot()).isEqualTo(-1);
        assertThat(selection.pen(BEAN_TEMP).staleAfterMillis()).isEqualTo(hub.staleAfterMillis(
                hub.catalogue().byId(BEAN_TEMP).orElseThrow()));
        assertThatThrownBy(() -> selection.pen("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void selectOnlyNumbersTheSlotsInOrderAndDropsThePreviousPens() {
        selection.set(selection.pen(BOX_PH), true);

        selection.selectOnly(hub.catalogue().inArea("Roasting"));

        assertThat(chosen()).containsExactly(BEAN_TEMP, DRUM_TEMP, VIBRATION);
        assertThat(selection.selected()).extracting(TrendPen::slot).containsExactly(0, 1, 2);
        assertThat(selection.pen(BOX_PH).isSelected()).isFalse();
        assertThat(selection.pen(BOX_PH).slot()).isEqualTo(-1);
    }

    @Test
    void aNewPenTakesTheLowestFreeSlotAndKeepsSlotOrder() {
        selection.selectOnly(hub.catalogue().inArea("Roasting"));
        selection.set(selection.pen(DRUM_TEMP), false);

        selection.set(selection.pen(MOISTURE), true);
        selection.set(selection.pen(AIR_TEMP), true);

        assertThat(chosen()).containsExactly(BEAN_TEMP, MOISTURE, VIBRATION, AIR_TEMP);
        assertThat(selection.selected()).extracting(TrendPen::slot).containsExactly(0, 1, 2, 3);
        assertThat(selection.set(selection.pen(AIR_TEMP), true)).as("already chosen").isTrue();
    }

    @Test
    void aFullChartRefusesAnotherPenAndSelectOnlyTakesTheFirstEight() {
        PenSelection many = new PenSelection(new TelemetryHub(catalogueOf(10), Clock.systemUTC(),
                TelemetryHub.Settings.defaults()));

        many.selectOnly(many.pens().stream().map(TrendPen::channel).toList());

        assertThat(many.selected()).hasSize(PenSelection.MAX_PENS);
        assertThat(many.isFull()).isTrue();
        assertThat(many.set(many.pen("c9"), true)).isFalse();
        assertThat(many.pen("c9").isSelected()).isFalse();
        many.clear();
        assertThat(many.selected()).isEmpty();
        assertThat(many.pen("c0").isSelected()).isFalse();
    }

    @Test
    void pensOfOneUnitShareAGroupInOrderOfFirstAppearance() {
        selection.selectOnly(List.of(def(MOISTURE), def(BEAN_TEMP), def(AIR_TEMP), def(VIBRATION)));

        assertThat(selection.unitGroups()).extracting(UnitGroup::unit).containsExactly("%", "°C", "mm/s");
        assertThat(selection.unitGroups().get(1).pens()).extracting(TrendPen::id).containsExactly(BEAN_TEMP, AIR_TEMP);
    }

    private ChannelDef def(String id) {
        return hub.catalogue().byId(id).orElseThrow();
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
