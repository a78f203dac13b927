package io.plantconsole.infra.mqtt.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.telemetry.service.IncomingMessage;
import io.plantconsole.telemetry.service.TelemetrySink;
import io.plantconsole.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkplugHostDecoderTest {
    private static final long NOW = 1_764_000_000_000L;
    private static final String ROASTER = "spBv1.0/Cocoa/%s/Roaster1";
    private static final String BURNER = "spBv1.0/Cocoa/%s/Roaster1/Burner";
    private static final String FAN = "spBv1.0/Cocoa/%s/Roaster1/Fan";
    private static final List<String> ROASTER_CHANNELS = List.of("roaster1.drum", "roaster1.running",
            "roaster1.recipe", "roaster1.step", "roaster1.flame", "roaster1.gas", "roaster1.fan");

    private final ChannelCatalogue catalogue = new ChannelCatalogue(List.of(
            channel("roaster1.drum", "Cocoa/Roaster1", "Drum Temp"),
            channel("roaster1.running", "Cocoa/Roaster1", "Running"),
            channel("roaster1.recipe", "Cocoa/Roaster1", "Recipe"),
            channel("roaster1.step", "Cocoa/Roaster1", "Step"),
            channel("roaster1.flame", "Cocoa/Roaster1/Burner", "Flame Temp"),
            channel("roaster1.gas", "Cocoa/Roaster1/Burner", "Gas Flow"),
            channel("roaster1.fan", "Cocoa/Roaster1/Fan", "Speed"),
            channel("dryer1.moisture", "Cocoa/Dryer1", "Moisture"),
            new ChannelDef("json.temp", "JSON temp", "Roasting", "Eq", "°C", 0, 300, 20, 250, 1,
                    new ChannelSource(SourceKind.JSON, "plant/json/temp", ""))));
    private final MutableClock clock = new MutableClock(NOW);
    private final List<String> rebirthRequests = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();
    private final SparkplugHostDecoder decoder = new SparkplugHostDecoder(catalogue,
            (group, node) -> rebirthRequests.add(group + "/" + node), clock);

    @Test
    void aBirthThenAliasOnlyDataResolveToTheRightChannels() {
        nodeBirth(4, named("Drum Temp", 1, 180.0, NOW - 10));
        send(BURNER, "DBIRTH", 1, named("Flame Temp", 2, 900.0, NOW - 9), named("Gas Flow", 3, 12.0, NOW - 8));
        send(ROASTER, "NDATA", 2, data(1, 181.0, NOW + 1));
        send(BURNER, "DDATA", 3, data(3, 13.0, NOW + 2), data(2, 905.0, NOW + 3));

        assertThat(sink.samples).containsExactly(
                new Sample("roaster1.drum", NOW - 10, 180.0),
                new Sample("roaster1.flame", NOW - 9, 900.0),
                new Sample("roaster1.gas", NOW - 8, 12.0),
                new Sample("roaster1.drum", NOW + 1, 181.0),
                new Sample("roaster1.gas", NOW + 2, 13.0),
                new Sample("roaster1.flame", NOW + 3, 905.0));
        assertThat(sink.rejects).isEmpty();
        assertThat(sink.stale).isEmpty();
        assertThat(rebirthRequests).isEmpty();
    }

    @Test
    void eachDeviceResolvesAliasesWithItsOwnBirth() {
        nodeBirth(0);
        send(BURNER, "DBIRTH", 1, named("Flame Temp", 5, 900.0, NOW));
        send(FAN, "DBIRTH", 2, named("Speed", 5, 1200.0, NOW));
        send(FAN, "DDATA", 3, data(5, 1300.0, NOW + 1));

        assertThat(sink.samples).last().isEqualTo(new Sample("roaster1.fan", NOW + 1, 1300.0));
    }

    @Test
    void aMetricWithoutTimestampTakesThePayloadTimeOrElseTheArrivalTime() {
        nodeBirth(0, named("Drum Temp", 1, 180.0, NOW));
        send(ROASTER, "NDATA", 1, NOW + 500, SparkplugMetric.numeric(null, 1L, null, SparkplugDataType.DOUBLE, 181));
        send(ROASTER, "NDATA", 2, (Long) null, SparkplugMetric.numeric(null, 1L, null, SparkplugDataType.DOUBLE, 182));

        assertThat(sink.samples).extracting(Sample::time).containsExactly(NOW, NOW + 500, NOW + 1000);
    }

    @Test
    void aDataValueIsReadWithTheDatatypeItsBirthDeclared() {
        nodeBirth(0, SparkplugMetric.numeric("Step", 7L, NOW, SparkplugDataType.INT8, 3));
        SparkplugMetric minusOneOnTheWire = new SparkplugMetric(null, 7L, NOW + 1, SparkplugDataType.UNKNOWN, false,
                SparkplugMetric.ValueField.INT, 4_294_967_295.0, null);
        send(ROASTER, "NDATA", 1, minusOneOnTheWire);

        assertThat(sink.samples).extracting(Sample::value).containsExactly(3.0, -1.0);
    }

    @Test
    void booleansBecomeOneOrZeroAndStringsAreRejectedAsWrongType() {
        nodeBirth(0, SparkplugMetric.bool("Running", 1L, NOW, true),
                SparkplugMetric.string("Recipe", 2L, NOW, "Criollo dark"));
        send(ROASTER, "NDATA", 1, SparkplugMetric.bool("Running", 1L, NOW + 1, false).aliasOnly(),
                SparkplugMetric.string("Recipe", 2L, NOW + 1, "Forastero").aliasOnly());

        assertThat(sink.samples).containsExactly(new Sample("roaster1.running", NOW, 1.0),
                new Sample("roaster1.running", NOW + 1, 0.0));
        assertThat(sink.rejected(BadCause.WRONG_TYPE)).hasSize(2)
                .allSatisfy(r -> assertThat(r.detail()).contains("'Recipe'"));
    }

    @Test
    void aNullValueMarksTheChannelStaleInsteadOfMakingASample() {
        nodeBirth(0, SparkplugMetric.nullOf("Drum Temp", 1L, NOW, SparkplugDataType.DOUBLE));

        assertThat(sink.samples).isEmpty();
        assertThat(sink.stale).containsExactly("roaster1.drum");
    }

    @Test
    void unknownAliasesAreCountedOncePerMessage() {
        nodeBirth(0, named("Drum Temp", 1, 180.0, NOW));
        send(ROASTER, "NDATA", 1, data(7, 1.0, NOW + 1), data(8, 2.0, NOW + 1), data(1, 181.0, NOW + 1));

        assertThat(sink.rejected(BadCause.UNKNOWN_ALIAS)).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("spBv1.0/Cocoa/NDATA/Roaster1");
            assertThat(r.detail()).contains("2 metrics").contains("alias 7");
        });
        assertThat(sink.samples).extracting(Sample::value).containsExactly(180.0, 181.0);
    }

    @Test
    void metricsOutsideTheCatalogueAreCountedOncePerMessageButSparkplugControlMetricsAreNot() {
        nodeBirth(0, named("Spare 1", 10, 1.0, NOW), named("Spare 2", 11, 2.0, NOW), named("Drum Temp", 1, 3.0, NOW));

        assertThat(sink.rejected(BadCause.UNKNOWN_CHANNEL)).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("2 metrics").contains("'Spare 1'"));
        assertThat(sink.samples).containsExactly(new Sample("roaster1.drum", NOW, 3.0));
    }

    @Test
    void aSequenceGapIsCountedMarksTheNodeStaleAndAsksForOneRebirth() {
        nodeBirth(0, named("Drum Temp", 1, 180.0, NOW));
        send(ROASTER, "NDATA", 1, data(1, 181.0, NOW + 1));
        send(ROASTER, "NDATA", 3, data(1, 183.0, NOW + 3));
        send(ROASTER, "NDATA", 4, data(1, 184.0, NOW + 4));

        assertThat(sink.rejected(BadCause.SEQUENCE_GAP)).hasSize(2).first()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("expected seq 2, got 3"));
        assertThat(sink.stale).containsAll(ROASTER_CHANNELS).doesNotContain("dryer1.moisture");
        assertThat(sink.samples).extracting(Sample::value).containsExactly(180.0, 181.0);
        assertThat(rebirthRequests).containsExactly("Cocoa/Roaster1");
    }

    @Test
    void aNodeThatStaysOutOfStepIsAskedAgainAfterTheRebirthInterval() {
        send(ROASTER, "NDATA", 5, data(1, 1.0, NOW));
        clock.advance(SparkplugHostDecoder.DEFAULT_REBIRTH_INTERVAL.minusMillis(1));
        send(ROASTER, "NDATA", 6, data(1, 1.0, NOW));
        clock.advance(Duration.ofMillis(1));
        send(ROASTER, "NDATA", 7, data(1, 1.0, NOW));

        assertThat(rebirthRequests).containsExactly("Cocoa/Roaster1", "Cocoa/Roaster1");
    }

    @Test
    void dataBeforeAnyBirthAsksForARebirthAndIsNotSampled() {
        send(ROASTER, "NDATA", 5, data(1, 181.0, NOW));

        assertThat(sink.rejected(BadCause.SEQUENCE_GAP)).singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("NDATA before NBIRTH"));
        assertThat(rebirthRequests).containsExactly("Cocoa/Roaster1");
        assertThat(sink.samples).isEmpty();
    }

    @Test
    void deviceDataBeforeItsBirthMarksTheDeviceStaleAndAsksForARebirth() {
        nodeBirth(0, named("Drum Temp", 1, 180.0, NOW));
        send(FAN, "DDATA", 1, data(9, 1200.0, NOW));
        send(ROASTER, "NDATA", 2, data(1, 181.0, NOW + 1));

        assertThat(sink.rejected(BadCause.SEQUENCE_GAP)).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("before its DBIRTH"));
        assertThat(sink.stale).containsExactly("roaster1.fan");
        assertThat(rebirthRequests).containsExactly("Cocoa/Roaster1");
        assertThat(sink.samples).extracting(Sample::value).containsExactly(180.0, 181.0);
    }

    @Test
    void afterARebirthDataResolvesAgain() {
        nodeBirth(0, named("Drum Temp", 1, 180.0, NOW));
        send(ROASTER, "NDATA", 9, data(1, 181.0, NOW + 1));
        nodeBirth(0, named("Drum Temp", 1, 182.0, NOW + 2));
        send(ROASTER, "NDATA", 1, data(1, 183.0, NOW + 3));

        assertThat(sink.samples).extracting(Sample::value).containsExactly(180.0, 182.0, 183.0);
        assertThat(sink.rejected(BadCause.SEQUENCE_GAP)).hasSize(1);
    }

    @Test
    void aRebirthDoesNotResendAValueTheConsoleAlreadyHas() {
        nodeBirth(0, named("Drum Temp", 1, 180.0, NOW));
        send(ROASTER, "NDATA", 1, data(1, 181.0, NOW + 1));
        nodeBirth(0, named("Drum Temp", 1, 181.0, NOW + 1));

        assertThat(sink.samples).extracting(Sample::value).containsExactly(180.0, 181.0);
    }

    @Test
    void theSequenceWrapsFrom255To0WithoutAGap() {
        nodeBirth(0, named("Drum Temp", 1, 0.0, NOW));
        for (int i = 1; i <= 258; i++) {
            send(ROASTER, "NDATA", i % 256, data(1, i, NOW + i));
        }

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.samples).hasSize(259);
        assertThat(rebirthRequests).isEmpty();
    }

    @Test
    void aNodeDeathWithTheCurrentBdSeqMarksEveryChannelOfTheNodeAndItsDevicesStale() {
        nodeBirth(4, named("Drum Temp", 1, 180.0, NOW));
        send(BURNER, "DBIRTH", 1, named("Flame Temp", 2, 900.0, NOW));
        send(ROASTER, "NDEATH", null, bdSeq(4));

        assertThat(sink.stale).containsExactlyInAnyOrderElementsOf(ROASTER_CHANNELS);
        assertThat(sink.rejects).isEmpty();
        assertThat(rebirthRequests).isEmpty();

        send(ROASTER, "NDATA", 2, data(1, 181.0, NOW + 1));
        assertThat(sink.rejected(BadCause.SEQUENCE_GAP)).singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("NDATA before NBIRTH"));
    }

    @Test
    void aNodeDeathWithAnOldBdSeqIsIgnored() {
        nodeBirth(5, named("Drum Temp", 1, 180.0, NOW));
        send(ROASTER, "NDEATH", null, bdSeq(4));
        send(ROASTER, "NDATA", 1, data(1, 181.0, NOW + 1));

        assertThat(sink.stale).isEmpty();
        assertThat(sink.rejects).isEmpty();
        assertThat(sink.samples).extracting(Sample::value).containsExactly(180.0, 181.0);
    }

    @Test
    void aDeviceDeathMarksOnlyThatDeviceStale() {
        nodeBirth(0, named("Drum Temp", 1, 180.0, NOW));
        send(BURNER, "DBIRTH", 1, named("Flame Temp", 2, 900.0, NOW), named("Gas Flow", 3, 12.0, NOW));
        send(FAN, "DBIRTH", 2, named("Speed", 4, 1200.0, NOW));
        send(BURNER, "DDEATH", 3);
        send(ROASTER, "NDATA", 4, data(1, 181.0, NOW + 1));
        send(FAN, "DDATA", 5, data(4, 1300.0, NOW + 1));

        assertThat(sink.stale).containsExactlyInAnyOrder("roaster1.flame", "roaster1.gas");
        assertThat(sink.rejects).isEmpty();
        assertThat(sink.samples).extracting(Sample::value).endsWith(181.0, 1300.0);
    }

    @Test
    void malformedBytesAreCountedAndNeverThrow() {
        nodeBirth(0, named("Drum Temp", 1, 180.0, NOW));

        assertThatCode(() -> {
            decoder.decode(message(String.format(ROASTER, "NDATA"), new byte[] {0x12, 0x7f, 0x01}), sink);
            decoder.decode(message(String.format(ROASTER, "NDATA"), null), sink);
            decoder.decode(message("spBv1.0/Cocoa/NDATA", "x".getBytes(StandardCharsets.UTF_8)), sink);
        }).doesNotThrowAnyException();

        assertThat(sink.rejected(BadCause.MALFORMED_PROTOBUF)).hasSize(2);
        assertThat(sink.rejected(BadCause.UNKNOWN_CHANNEL)).singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("not a Sparkplug B topic"));
    }

    @Test
    void aFailingRebirthRequestDoesNotEscapeTheDecoder() {
        SparkplugHostDecoder failing = new SparkplugHostDecoder(catalogue, (group, node) -> {
            throw new IllegalStateException("broker gone");
        }, clock);

        assertThatCode(() -> failing.decode(message(String.format(ROASTER, "NDATA"),
                SparkplugCodec.encode(new SparkplugPayload(NOW, 3L, List.of()))), sink)).doesNotThrowAnyException();
        assertThat(sink.rejected(BadCause.SEQUENCE_GAP)).hasSize(1);
    }

    @Test
    void commandsAndStateMessagesAreIgnoredAndDoNotMoveTheSequence() {
        nodeBirth(0, named("Drum Temp", 1, 180.0, NOW));
        send(ROASTER, "NCMD", null, SparkplugMetric.bool(SparkplugMetric.NODE_CONTROL_REBIRTH, null, NOW, true));
        send(BURNER, "DCMD", null, named("Flame Temp", 2, 1.0, NOW));
        decoder.decode(message("spBv1.0/STATE/scada-1", "{\"online\":true}".getBytes(StandardCharsets.UTF_8)), sink);
        send(ROASTER, "NDATA", 1, data(1, 181.0, NOW + 1));

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.samples).extracting(Sample::value).containsExactly(180.0, 181.0);
    }

    @Test
    void nodesOutsideTheCatalogueAreCountedButNeverAskedToRebirth() {
        decoder.decode(message("spBv1.0/Cocoa/NDATA/Winnower9", SparkplugCodec.encode(
                new SparkplugPayload(NOW, 3L, List.of(data(1, 1.0, NOW))))), sink);

        assertThat(sink.rejected(BadCause.UNKNOWN_CHANNEL)).hasSize(1);
        assertThat(rebirthRequests).isEmpty();
    }

    @Test
    void handlesOnlySparkplugTopics() {
        assertThat(decoder.handles("spBv1.0/Cocoa/NDATA/Roaster1")).isTrue();
        assertThat(decoder.handles("plant/roaster1/bean_temp")).isFalse();
    }

    private void nodeBirth(long bdSeq, SparkplugMetric... metrics) {
        List<SparkplugMetric> all = new ArrayList<>(List.of(
                SparkplugMetric.numeric(SparkplugMetric.BD_SEQ, null, NOW, SparkplugDataType.UINT64, bdSeq),
                SparkplugMetric.bool(SparkplugMetric.NODE_CONTROL_REBIRTH, null, NOW, false)));
        all.addAll(Arrays.asList(metrics));
        send(ROASTER, "NBIRTH", 0, all.toArray(SparkplugMetric[]::new));
    }

    private void send(String topicFormat, String type, Integer seq, SparkplugMetric... metrics) {
        send(topicFormat, type, seq, NOW, metrics);
    }

    private void send(String topicFormat, String type, Integer seq, Long timestamp, SparkplugMetric... metrics) {
        byte[] bytes = SparkplugCodec.encode(new SparkplugPayload(timestamp, seq == null ? null : (long) seq,
                List.of(metrics)));
        decoder.decode(message(String.format(topicFormat, type), bytes), sink);
    }

    private IncomingMessage message(String topic, byte[] payload) {
        return new IncomingMessage(topic, payload, false, clock.millis() + 1000, 0);
    }

    private static SparkplugMetric named(String name, long alias, double value, long time) {
        return SparkplugMetric.numeric(name, alias, time, SparkplugDataType.DOUBLE, value);
    }

    private static SparkplugMetric data(long alias, double value, long time) {
        return SparkplugMetric.numeric(null, alias, time, SparkplugDataType.DOUBLE, value).aliasOnly();
    }

    private static SparkplugMetric bdSeq(long value) {
        return SparkplugMetric.numeric(SparkplugMetric.BD_SEQ, null, NOW, SparkplugDataType.UINT64, value);
    }

    private static ChannelDef channel(String id, String path, String metric) {
        return new ChannelDef(id, id, "Roasting", "Roaster 1", "°C", 0, 2000, 0, 1500, 1,
                new ChannelSource(SourceKind.SPARKPLUG, path, metric));
    }

    private record Sample(String channelId, long time, double value) {
    }

    private record Reject(BadCause cause, String topic, String detail) {
    }

    private static final class RecordingSink implements TelemetrySink {
        final List<Sample> samples = new ArrayList<>();
        final List<Reject> rejects = new ArrayList<>();
        final List<String> stale = new ArrayList<>();

        @Override
        public void sample(String channelId, long timestampMillis, double value, Quality quality) {
            assertThat(quality).isEqualTo(Quality.GOOD);
            samples.add(new Sample(channelId, timestampMillis, value));
        }

        @Override
        public void reject(BadCause cause, String topic, String detail) {
            rejects.add(new Reject(cause, topic, detail));
        }

        @Override
        public void markStale(String channelId) {
            stale.add(channelId);
        }

        List<Reject> rejected(BadCause cause) {
            return rejects.stream().filter(r -> r.cause() == cause).toList();
        }
    }
}
