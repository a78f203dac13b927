package io.plantconsole.infra.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.infra.mqtt.JsonPlantPublisher.Encoder;
import io.plantconsole.infra.mqtt.JsonPlantPublisher.Message;
import io.plantconsole.sim.SimSample;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.telemetry.service.IncomingMessage;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.testing.MutableClock;
import io.plantconsole.testing.TestCatalogues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPlantPublisherPayloadTest {
    private static final long NOW = 1_764_067_200_000L;
    private static final ChannelCatalogue CATALOGUE = TestCatalogues.small();
    private static final ChannelDef BEAN = CATALOGUE.byId("roaster1.bean_temp").orElseThrow();
    private static final ChannelDef EXHAUST = CATALOGUE.byId("roaster1.exhaust_temp").orElseThrow();
    private static final ChannelDef SPARKPLUG = new ChannelDef("grinder1.vibration", "Vibration", "Grinding",
            "Grinder 1", "mm/s", 0, 20, 0, 4.5, 10,
            new ChannelSource(SourceKind.SPARKPLUG, "CocoaPlant/grinding-edge/grinder-1", "Drive/Vibration RMS"));

    private static SimSample sample(ChannelDef c, long ts, double value) {
        return new SimSample(c, ts, value, false);
    }

    private static String text(Message m) {
        return new String(m.payload(), UTF_8);
    }

    @Test
    void aSampleBecomesTsValueAndSeq() {
        assertThat(JsonPlantPublisher.payload(sample(BEAN, NOW, 182.4), 1))
                .isEqualTo("{\"ts\":" + NOW + ",\"value\":182.4,\"seq\":1}");
        assertThat(JsonPlantPublisher.payload(sample(BEAN, NOW, 200), 2))
                .isEqualTo("{\"ts\":" + NOW + ",\"value\":200.0,\"seq\":2}");
    }

    @Test
    void aBadSampleCarriesBadQuality() {
        assertThat(JsonPlantPublisher.payload(new SimSample(BEAN, NOW, 300, true), 9))
                .isEqualTo("{\"ts\":" + NOW + ",\"value\":300.0,\"seq\":9,\"quality\":\"bad\"}");
    }

    @Test
    void theBatchFormListsEverySampleUnderOneSeq() {
        assertThat(JsonPlantPublisher.batchPayload(List.of(sample(BEAN, NOW, 1.5),
                new SimSample(BEAN, NOW + 1, -2.25, true)), 7))
                .isEqualTo("{\"seq\":7,\"samples\":[{\"ts\":" + NOW + ",\"value\":1.5},{\"ts\":" + (NOW + 1)
                        + ",\"value\":-2.25,\"quality\":\"bad\"}]}");
    }

    @Test
    void seqCountsMessagesPerTopicFromOne() {
        Encoder encoder = new Encoder(1);
        List<Message> first = encoder.encode(List.of(sample(BEAN, NOW, 1), sample(EXHAUST, NOW, 2),
                sample(BEAN, NOW + 100, 3)));
        List<Message> second = encoder.encode(List.of(sample(BEAN, NOW + 200, 4)));
        assertThat(first).extracting(Message::topic)
                .containsExactly(BEAN.source().topic(), BEAN.source().topic(), EXHAUST.source().topic());
        assertThat(first).extracting(JsonPlantPublisherPayloadTest::text).containsExactly(
                "{\"ts\":" + NOW + ",\"value\":1.0,\"seq\":1}",
                "{\"ts\":" + (NOW + 100) + ",\"value\":3.0,\"seq\":2}",
                "{\"ts\":" + NOW + ",\"value\":2.0,\"seq\":1}");
        assertThat(second).extracting(JsonPlantPublisherPayloadTest::text)
                .containsExactly("{\"ts\":" + (NOW + 200) + ",\"value\":4.0,\"seq\":3}");
    }

    @Test
    void inStressModeAChannelsSamplesGoInBatchesOfAtMostTheLimit() {
        Encoder encoder = new Encoder(4);
        List<SimSample> tick = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tick.add(sample(BEAN, NOW + i, i));
        }
        tick.add(sample(EXHAUST, NOW, 42));
        List<Message> messages = encoder.encode(tick);
        assertThat(messages).extracting(Message::samples).containsExactly(4, 4, 2, 1);
        assertThat(text(messages.get(0))).startsWith("{\"seq\":1,\"samples\":[{\"ts\":" + NOW + ",\"value\":0.0}");
        assertThat(text(messages.get(2))).startsWith("{\"seq\":3,\"samples\":[");
        assertThat(text(messages.get(3))).as("a lone sample keeps the single form")
                .isEqualTo("{\"ts\":" + NOW + ",\"value\":42.0,\"seq\":1}");
    }

    @Test
    void sparkplugChannelsAndNonFiniteValuesAreLeftOut() {
        Encoder encoder = new Encoder(1);
        List<Message> messages = encoder.encode(List.of(sample(SPARKPLUG, NOW, 2), sample(BEAN, NOW, Double.NaN),
                sample(BEAN, NOW + 1, Double.POSITIVE_INFINITY), sample(BEAN, NOW + 2, 5)));
        assertThat(messages).extracting(JsonPlantPublisherPayloadTest::text)
                .containsExactly("{\"ts\":" + (NOW + 2) + ",\"value\":5.0,\"seq\":1}");
        assertThat(encoder.takeNotFinite()).isEqualTo(2);
        assertThat(encoder.takeNotFinite()).isZero();
        assertThatThrownBy(() -> JsonPlantPublisher.payload(sample(BEAN, NOW, Double.NaN), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesDroppedOfflineUseUpTheirSeqSoTheConsoleSeesTheGap() {
        Encoder encoder = new Encoder(1);
        encoder.encode(List.of(sample(BEAN, NOW, 1)));
        assertThat(encoder.skip(List.of(sample(BEAN, NOW + 100, 2), sample(BEAN, NOW + 200, 3),
                sample(SPARKPLUG, NOW, 1)))).isEqualTo(2);
        assertThat(text(encoder.encode(List.of(sample(BEAN, NOW + 300, 4))).get(0))).contains("\"seq\":4");
    }

    @Test
    void theConsolesDecoderReadsWhatThePublisherWrites() {
        MutableClock clock = new MutableClock(NOW);
        TelemetryHub hub = new TelemetryHub(CATALOGUE, clock, TelemetryHub.Settings.defaults());
        JsonTelemetryDecoder decoder = new JsonTelemetryDecoder(CATALOGUE, "plant/", Duration.ofSeconds(30));
        Encoder encoder = new Encoder(3);
        List<SimSample> tick = List.of(sample(BEAN, NOW, 181.25), sample(BEAN, NOW + 100, 182.5),
                new SimSample(BEAN, NOW + 200, 300, true), sample(EXHAUST, NOW, 1e-7));
        for (Message m : encoder.encode(tick)) {
            decoder.decode(new IncomingMessage(m.topic(), m.payload(), false, NOW + 300, 0), hub);
        }
        assertThat(hub.diagnostics().total()).isZero();
        assertThat(decoder.sequenceGaps()).isZero();
        assertThat(hub.status("roaster1.bean_temp").received()).isEqualTo(3);
        assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(300);
        assertThat(hub.status("roaster1.bean_temp").quality()).isEqualTo(Quality.BAD);
        assertThat(hub.status("roaster1.exhaust_temp").value()).isEqualTo(1e-7);
    }

    @Test
    void theBatchLimitAndQosAreChecked() {
        assertThatThrownBy(() -> new Encoder(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonPlantPublisher("tcp://127.0.0.1:1", "x", 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
