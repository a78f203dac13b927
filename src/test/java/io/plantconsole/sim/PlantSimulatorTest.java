package io.plantconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.plantconsole.infra.config.CatalogueLoader;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlantSimulatorTest {
    private static final long T0 = 1_764_067_200_000L;
    private static final ChannelCatalogue DEMO = new CatalogueLoader().loadDemo();
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final MutableClock clock = new MutableClock(T0);

    private static ChannelCatalogue only(String... ids) {
        Set<String> wanted = Set.of(ids);
        return new ChannelCatalogue(DEMO.channels().stream().filter(c -> wanted.contains(c.id())).toList());
    }

    private PlantSimulator simulator(ChannelCatalogue catalogue, SimSettings settings) {
        return new PlantSimulator(catalogue, new Recorder(), settings, clock);
    }

    /** Keeps every publish call. */
    private static final class Recorder implements PlantPublisher {
        final List<List<SimSample>> calls = new CopyOnWriteArrayList<>();

        @Override
        public void publish(List<SimSample> samples) {
            calls.add(samples);
        }

        @Override
        public void close() {
        }
    }

    private static List<SimSample> of(List<SimSample> samples, String id) {
        return samples.stream().filter(s -> s.channel().id().equals(id)).toList();
    }

    private static double[] values(List<SimSample> samples) {
        return samples.stream().mapToDouble(SimSample::value).toArray();
    }

    // --- the demo catalogue ---------------------------------------------------------------------------------------

    @Test
    void theDemoCatalogueCoversTheFiveAreasWithUniqueWellFormedIds() {
        assertThat(DEMO.size()).isGreaterThanOrEqualTo(48);
        assertThat(DEMO.areas()).contains("Fermentation", "Drying", "Roasting", "Winnowing", "Grinding");
        for (String area : List.of("Fermentation", "Drying", "Roasting", "Winnowing", "Grinding")) {
            assertThat(DEMO.inArea(area)).as(area).hasSizeGreaterThanOrEqualTo(4);
        }
        List<String> ids = DEMO.channels().stream().map(ChannelDef::id).toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids).allSatisfy(id -> assertThat(id).matches(ID));
    }

    @Test
    void everyJsonTopicFollowsThePlantAreaEquipmentSignalLayout() {
        for (ChannelDef c : DEMO.channels()) {
            if (c.source().kind() != SourceKind.JSON) {
                continue;
            }
            String[] parts = c.source().topic().split("/", -1);
            assertThat(parts).as(c.id()).hasSize(4);
            assertThat(parts[0]).isEqualTo("plant");
            assertThat(parts[1]).as(c.id()).isEqualTo(c.area().toLowerCase().replace(' ', '-'));
            assertThat(Arrays.copyOfRange(parts, 2, 4)).as(c.id()).allSatisfy(p -> assertThat(p).matches(SLUG));
        }
    }

    @Test
    void winnowingAndGrindingArriveOverSparkplugFromDevicesAndNodes() {
        List<ChannelDef> sparkplug = DEMO.channels().stream()
                .filter(c -> c.source().kind() == SourceKind.SPARKPLUG).toList();
        assertThat(sparkplug).hasSizeBetween(12, 16);
        assertThat(sparkplug).allSatisfy(c -> {
            assertThat(c.area()).isIn("Winnowing", "Grinding");
            assertThat(c.source().topic()).startsWith("CocoaPlant/");
            assertThat(c.source().topic().split("/")).hasSizeBetween(2, 3);
            assertThat(c.source().metric()).contains("/");
        });
        assertThat(sparkplug).anyMatch(c -> c.source().topic().equals("CocoaPlant/winnowing-edge"));
        assertThat(sparkplug).anyMatch(c -> c.source().topic().equals("CocoaPlant/grinding-edge/grinder-1"));
        assertThat(DEMO.bySparkplug("CocoaPlant/winnowing-edge/winnower-1", "Drive/Vibration RMS"))
                .map(ChannelDef::id).contains("winnower1.vibration");
    }

    @Test
    void everyNormalBandLiesInsideItsRangeAndRatesAreSlowOnlyForSlowProcesses() {
        assertThat(DEMO.channels()).allSatisfy(c -> {
            assertThat(c.normalLow()).as(c.id()).isBetween(c.rangeLow(), c.rangeHigh());
            assertThat(c.normalHigh()).as(c.id()).isBetween(c.normalLow(), c.rangeHigh());
        });
        long tenHz = DEMO.channels().stream().filter(c -> c.rateHz() == 10).count();
        assertThat(tenHz).isGreaterThan(DEMO.size() / 2);
        assertThat(DEMO.channels()).filteredOn(c -> c.rateHz() < 10)
                .allSatisfy(c -> assertThat(c.area()).isIn("Fermentation", "Drying"));
    }

    // --- sampling -------------------------------------------------------------------------------------------------

    @Test
    void everyChannelIsSampledAtItsRateWithStrictlyIncreasingTimestamps() {
        PlantSimulator sim = simulator(DEMO, SimSettings.demo());
        List<SimSample> samples = new ArrayList<>();
        for (long t = T0; t <= T0 + 10_000; t += 37) {
            samples.addAll(sim.advanceTo(t));
        }
        samples.addAll(sim.advanceTo(T0 + 10_000));
        Map<String, List<SimSample>> byChannel = samples.stream()
                .collect(Collectors.groupingBy(s -> s.channel().id()));
        assertThat(byChannel).hasSize(DEMO.size());
        for (ChannelDef c : DEMO.channels()) {
            List<SimSample> list = byChannel.get(c.id());
            assertThat(list).as(c.id()).hasSize((int) (10 * c.rateHz()) + 1);
            assertThat(sim.samplesGenerated(c.id())).isEqualTo(list.size());
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i).timestampMillis()).as(c.id())
                        .isEqualTo(T0 + Math.round(i * 1000 / c.rateHz()));
            }
            assertThat(list).as(c.id()).noneMatch(SimSample::bad);
        }
        assertThat(sim.samplesGenerated()).isEqualTo(samples.size());
        assertThat(sim.advanceTo(T0 + 10_000)).isEmpty();
    }

    @Test
    void theStressRateGivesAThousandSamplesPerSecondPerChannel() {
        PlantSimulator sim = simulator(only("roaster1.bean_temp", "box1.mass_temp"), SimSettings.stress());
        List<SimSample> samples = sim.advanceTo(T0 + 999);
        assertThat(of(samples, "roaster1.bean_temp")).hasSize(1000);
        assertThat(of(samples, "box1.mass_temp")).hasSize(1000)
                .extracting(SimSample::timestampMillis).doesNotHaveDuplicates();
    }

    @Test
    void valuesStayInsideTheInstrumentRangeAndAreFinite() {
        PlantSimulator sim = simulator(DEMO, SimSettings.demo().withTimeScale(200));
        for (long t = T0; t <= T0 + 120_000; t += 1_000) {
            assertThat(sim.advanceTo(t)).allSatisfy(s -> {
                assertThat(s.value()).as(s.channel().id()).isFinite()
                        .isBetween(s.channel().rangeLow(), s.channel().rangeHigh());
            });
        }
    }

    @Test
    void mostSamplesOfASteadyPlantLieInsideTheirNormalBand() {
        PlantSimulator sim = simulator(DEMO, SimSettings.demo());
        List<SimSample> samples = sim.advanceTo(T0 + 60_000);
        long normal = samples.stream().filter(s -> s.channel().isNormal(s.value())).count();
        assertThat(normal).isGreaterThan((long) (0.97 * samples.size()));
    }

    @Test
    void theSameSeedGivesTheSameSamplesHoweverTheCallsAreSpaced() {
        PlantSimulator a = simulator(DEMO, SimSettings.demo());
        PlantSimulator b = simulator(DEMO, SimSettings.demo());
        List<SimSample> inOneGo = new ArrayList<>(a.advanceTo(T0 + 5_000));
        List<SimSample> inSteps = new ArrayList<>();
        for (long t = T0; t <= T0 + 5_000; t += 250) {
            inSteps.addAll(b.advanceTo(t));
        }
        assertThat(sorted(inSteps)).isEqualTo(sorted(inOneGo));
        PlantSimulator other = simulator(DEMO, SimSettings.demo().withSeed(7));
        assertThat(values(other.advanceTo(T0 + 5_000))).isNotEqualTo(values(inOneGo));
    }

    private static List<SimSample> sorted(List<SimSample> samples) {
        List<SimSample> copy = new ArrayList<>(samples);
        copy.sort((x, y) -> x.channel().id().equals(y.channel().id())
                ? Long.compare(x.timestampMillis(), y.timestampMillis())
                : x.channel().id().compareTo(y.channel().id()));
        return copy;
    }

    // --- process dynamics -----------------------------------------------------------------------------------------

    @Test
    void aRoastCycleReachesTheDropTemperatureFallsBackAndRecharges() {
        PlantSimulator sim = simulator(only("roaster1.bean_temp"), SimSettings.demo());
        double[] v = values(sim.advanceTo(T0 + 200_000)); // 2000 simulated seconds, over two 15 min cycles
        int drop = risesTo(v, 1, 127);
        assertThat(drop).as("reaches the drop temperature").isPositive();
        double peak = Arrays.stream(v, drop, Math.min(v.length, drop + 300)).max().orElseThrow();
        assertThat(peak).isBetween(127.0, 142.0); // cocoa: beans leave the roaster at 120-140 °C
        int fallen = firstIndex(v, drop, x -> x < peak - 8);
        assertThat(fallen).as("falls back after the drop").isPositive();
        int turning = firstIndex(v, fallen, x -> x < 110);
        assertThat(turning).as("the next charge reaches a turning point").isPositive();
        // 10x time scale: the next drop comes about 90 s (900 samples) after the previous one
        int nextDrop = risesTo(v, turning, 127);
        assertThat(nextDrop).as("the next batch drops too").isPositive();
        assertThat(nextDrop - drop).isBetween(800, 1000);
    }

    /** Index of the first sample from {@code from} on that crosses {@code level} upwards, or -1. */
    private static int risesTo(double[] v, int from, double level) {
        for (int i = Math.max(1, from); i < v.length; i++) {
            if (v[i] >= level && v[i - 1] < level) {
                return i;
            }
        }
        return -1;
    }

    private static int firstIndex(double[] v, int from, java.util.function.DoublePredicate p) {
        for (int i = from; i < v.length; i++) {
            if (p.test(v[i])) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theRoasterDrumCurrentIsHigherWithBeansInTheDrum() {
        PlantSimulator sim = simulator(only("roaster1.bean_temp", "roaster1.drum_current"), SimSettings.demo());
        List<SimSample> samples = sim.advanceTo(T0 + 100_000);
        double[] bean = values(of(samples, "roaster1.bean_temp"));
        double[] current = values(of(samples, "roaster1.drum_current"));
        double loaded = 0;
        double empty = 0;
        int nLoaded = 0;
        int nEmpty = 0;
        for (int i = 1; i < bean.length; i++) {
            boolean rising = bean[i] > 80 && bean[i] < 112;
            if (rising) {
                loaded += current[i];
                nLoaded++;
            } else if (bean[i] > 124 && bean[i] < bean[i - 1] - 0.05) {
                empty += current[i];
                nEmpty++;
            }
        }
        assertThat(nLoaded).isPositive();
        assertThat(nEmpty).isPositive();
        assertThat(loaded / nLoaded).isGreaterThan(empty / nEmpty + 5);
    }

    @Test
    void aDryerBatchDriesFromAboutFiftyFiveToSevenPercentAndTheNextBatchRestarts() {
        // 1800x: a 16 h mechanical batch takes 32 s of wall-clock time, one sample every 15 simulated minutes
        PlantSimulator sim = simulator(only("dryer1.moisture", "dryer1.weight"), SimSettings.demo().withTimeScale(1800));
        List<SimSample> samples = sim.advanceTo(T0 + 70_000);
        double[] m = values(of(samples, "dryer1.moisture"));
        int restart = -1;
        for (int i = 1; i < m.length && restart < 0; i++) {
            if (m[i] > m[i - 1] + 20) {
                restart = i;
            }
        }
        assertThat(restart).as("a new batch is loaded").isPositive();
        assertThat(m[restart - 1]).isBetween(6.0, 8.0);
        assertThat(m[restart]).isBetween(48.0, 59.0);
        assertThat(m[restart + 10]).isLessThan(m[restart]);
        double[] w = values(of(samples, "dryer1.weight"));
        assertThat(w[restart]).isGreaterThan(w[restart - 1] * 1.5);
    }

    @Test
    void fermentationHeatsTheMassToFortyFiveDegreesOrMore() {
        // 10000x: a six-day batch takes 52 s of wall-clock time, one sample every 2.8 simulated hours
        PlantSimulator sim = simulator(only("box1.mass_temp"), SimSettings.demo().withTimeScale(10_000));
        double[] v = values(sim.advanceTo(T0 + 120_000));
        assertThat(Arrays.stream(v).max().orElseThrow()).isBetween(45.0, 51.0);
        assertThat(Arrays.stream(v).min().orElseThrow()).isLessThan(32.0);
    }

    @Test
    void vibrationWearsSlowlyAndStaysBelowTheAlarmLimitMostOfTheTime() {
        PlantSimulator sim = simulator(only("grinder1.vibration"), SimSettings.demo());
        double[] v = values(sim.advanceTo(T0 + 120_000));
        long high = Arrays.stream(v).filter(x -> x > 4.5).count();
        assertThat(high).isLessThan(v.length / 20);
        assertThat(Arrays.stream(v).min().orElseThrow()).isGreaterThan(0.5);
    }

    // --- faults ---------------------------------------------------------------------------------------------------

    @Test
    void aSpikeLeavesTheNormalBandForItsDurationOnly() {
        ChannelCatalogue cat = only("roaster1.drum_speed");
        PlantSimulator sim = simulator(cat, SimSettings.demo());
        ChannelDef c = cat.channels().get(0);
        assertThat(sim.advanceTo(T0 + 1_000)).allMatch(s -> c.isNormal(s.value()));
        sim.inject(c.id(), FaultKind.SPIKE, Duration.ofMillis(500));
        assertThat(sim.activeFaults()).containsEntry(c.id(), Set.of(FaultKind.SPIKE));
        List<SimSample> during = sim.advanceTo(T0 + 1_499);
        assertThat(during).hasSize(4).allSatisfy(s -> {
            assertThat(c.isNormal(s.value())).isFalse();
            assertThat(s.value()).isBetween(c.rangeLow(), c.rangeHigh());
        });
        assertThat(sim.advanceTo(T0 + 3_000)).allMatch(s -> c.isNormal(s.value()));
        assertThat(sim.activeFaults()).isEmpty();
    }

    @Test
    void aSpikePastTheInstrumentRangeSaturatesAndIsFlaggedBad() {
        ChannelCatalogue cat = only("roaster1.drum_speed");
        PlantSimulator sim = simulator(cat, SimSettings.demo());
        ChannelDef c = cat.channels().get(0);
        int saturated = 0;
        for (int i = 0; i < 40; i++) {
            long t = T0 + 200L * i;
            sim.inject(c.id(), FaultKind.SPIKE, Duration.ofMillis(100));
            for (SimSample s : sim.advanceTo(t + 199)) {
                if (s.timestampMillis() >= t + 99) {
                    continue;
                }
                assertThat(c.isNormal(s.value())).isFalse();
                if (s.bad()) {
                    saturated++;
                    assertThat(s.value()).isIn(c.rangeLow(), c.rangeHigh());
                } else {
                    assertThat(s.value()).isStrictlyBetween(c.rangeLow(), c.rangeHigh());
                }
            }
        }
        assertThat(saturated).as("some spikes, not all, saturate").isBetween(1, 30);
    }

    @Test
    void aDriftGrowsLinearlyAgainstTheSameRunWithoutIt() {
        ChannelCatalogue cat = only("dryer1.air_temp");
        PlantSimulator clean = simulator(cat, SimSettings.demo());
        PlantSimulator drifting = simulator(cat, SimSettings.demo());
        clean.advanceTo(T0 + 2_000);
        drifting.advanceTo(T0 + 2_000);
        drifting.inject("dryer1.air_temp", FaultKind.DRIFT, Duration.ofSeconds(10));
        List<SimSample> a = clean.advanceTo(T0 + 11_999);
        List<SimSample> b = drifting.advanceTo(T0 + 11_999);
        assertThat(b).hasSameSizeAs(a).hasSize(19);
        double span = cat.channels().get(0).rangeHigh() - cat.channels().get(0).rangeLow();
        for (int i = 0; i < a.size(); i++) {
            long ts = a.get(i).timestampMillis();
            double expected = 0.25 * span * (ts - (T0 + 2_000)) / 10_000.0;
            assertThat(b.get(i).value() - a.get(i).value()).isCloseTo(expected, within(1e-9));
        }
        assertThat(b.get(18).value() - a.get(18).value()).isGreaterThan(0.2 * span);
    }

    @Test
    void aFlatLineRepeatsTheLastValueWithFreshTimestamps() {
        PlantSimulator sim = simulator(only("roaster1.bean_temp"), SimSettings.demo());
        List<SimSample> before = sim.advanceTo(T0 + 1_000);
        double last = before.get(before.size() - 1).value();
        sim.inject("roaster1.bean_temp", FaultKind.FLAT_LINE, Duration.ofSeconds(3));
        List<SimSample> during = sim.advanceTo(T0 + 3_900);
        assertThat(during).hasSize(29).allSatisfy(s -> assertThat(s.value()).isEqualTo(last));
        assertThat(during).extracting(SimSample::timestampMillis).isSorted().doesNotHaveDuplicates();
        assertThat(sim.advanceTo(T0 + 5_000)).hasSize(11).extracting(SimSample::value).doesNotContain(last);
    }

    @Test
    void aStaleChannelRepeatsItsOldTimestamp() {
        PlantSimulator sim = simulator(only("grinder1.liquor_temp"), SimSettings.demo());
        List<SimSample> before = sim.advanceTo(T0 + 1_000);
        SimSample last = before.get(before.size() - 1);
        sim.inject("grinder1.liquor_temp", FaultKind.STALE, Duration.ofSeconds(2));
        List<SimSample> during = sim.advanceTo(T0 + 2_900);
        assertThat(during).hasSize(19).allSatisfy(s -> {
            assertThat(s.timestampMillis()).isEqualTo(last.timestampMillis());
            assertThat(s.value()).isEqualTo(last.value());
        });
        assertThat(sim.advanceTo(T0 + 4_000)).allMatch(s -> s.timestampMillis() > T0 + 2_900);
    }

    @Test
    void aDropoutPublishesNothingForThatChannelOnly() {
        PlantSimulator sim = simulator(only("roaster1.vibration", "roaster1.bean_temp"), SimSettings.demo());
        sim.advanceTo(T0 + 1_000);
        sim.inject("roaster1.vibration", FaultKind.DROPOUT, Duration.ofSeconds(5));
        List<SimSample> during = sim.advanceTo(T0 + 5_000);
        assertThat(of(during, "roaster1.vibration")).isEmpty();
        assertThat(of(during, "roaster1.bean_temp")).hasSize(40);
        assertThat(sim.samplesGenerated("roaster1.vibration")).isEqualTo(11);
        sim.clearFaults();
        assertThat(of(sim.advanceTo(T0 + 6_000), "roaster1.vibration")).hasSize(10);
    }

    @Test
    void aBearingFaultRaisesVibrationPastSevenAndHeatsTheBearingOfTheSameEquipment() {
        ChannelCatalogue cat = only("winnower1.vibration", "winnower1.bearing_temp", "winnower1.motor_current",
                "grinder1.vibration");
        PlantSimulator clean = simulator(cat, SimSettings.demo());
        PlantSimulator faulty = simulator(cat, SimSettings.demo());
        clean.advanceTo(T0 + 1_000);
        List<SimSample> before = faulty.advanceTo(T0 + 1_000);
        assertThat(of(before, "winnower1.vibration")).allMatch(s -> s.value() < 4.5);
        faulty.inject("winnower1.vibration", FaultKind.BEARING_FAULT, Duration.ofSeconds(60));
        assertThat(faulty.activeFaults()).containsOnlyKeys("winnower1.vibration", "winnower1.bearing_temp",
                "winnower1.motor_current");
        List<SimSample> ok = clean.advanceTo(T0 + 60_000);
        List<SimSample> bad = faulty.advanceTo(T0 + 60_000);
        double[] vibration = values(of(bad, "winnower1.vibration"));
        double[] lastTenSeconds = Arrays.copyOfRange(vibration, vibration.length - 100, vibration.length);
        assertThat(Arrays.stream(lastTenSeconds).min().orElseThrow()).isGreaterThan(7);
        assertThat(Arrays.stream(lastTenSeconds).max().orElseThrow())
                .as("bursts on top").isGreaterThan(Arrays.stream(lastTenSeconds).min().orElseThrow() + 1);
        double[] hot = values(of(bad, "winnower1.bearing_temp"));
        double[] normal = values(of(ok, "winnower1.bearing_temp"));
        assertThat(hot[hot.length - 1]).isGreaterThan(normal[normal.length - 1] + 20);
        assertThat(hot[hot.length - 1]).isGreaterThan(70);
        assertThat(values(of(bad, "winnower1.motor_current"))[hot.length - 1])
                .isGreaterThan(values(of(ok, "winnower1.motor_current"))[hot.length - 1]);
        assertThat(values(of(bad, "grinder1.vibration"))).isEqualTo(values(of(ok, "grinder1.vibration")));
    }

    @Test
    void faultsNeedAKnownChannelAndAPositiveDuration() {
        PlantSimulator sim = simulator(only("roaster1.bean_temp"), SimSettings.demo());
        assertThatThrownBy(() -> sim.inject("nope", FaultKind.SPIKE, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.inject("roaster1.bean_temp", FaultKind.SPIKE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- settings and the thread ----------------------------------------------------------------------------------

    @Test
    void settingsRejectRatesAboveOneKilohertzAndNonPositiveScales() {
        assertThatThrownBy(() -> new SimSettings(1001, 10, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimSettings(0, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimSettings(0, 10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDaemonThreadPublishesEachTickInOneCallAndStopsOnClose() throws Exception {
        Recorder recorder = new Recorder();
        List<List<SimSample>> calls = recorder.calls;
        PlantSimulator sim = new PlantSimulator(only("roaster1.bean_temp", "box1.mass_temp"), recorder,
                SimSettings.demo(), Clock.systemUTC());
        sim.start();
        try {
            Thread thread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("plant-sim")).findFirst().orElseThrow();
            assertThat(thread.isDaemon()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.samplesGenerated("box1.mass_temp") >= 2);
            assertThatThrownBy(sim::start).isInstanceOf(IllegalStateException.class);
        } finally {
            sim.close();
        }
        assertThat(sim.isRunning()).isFalse();
        long published = calls.stream().mapToLong(List::size).sum();
        assertThat(published).isEqualTo(sim.samplesGenerated());
        assertThat(calls).allSatisfy(batch -> assertThat(batch).isNotEmpty());
    }
}
