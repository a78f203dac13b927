package io.plantconsole.infra.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.IncomingMessage;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.testing.MutableClock;
import io.plantconsole.testing.TestCatalogues;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonTelemetryDecoderTest {
    private static final long NOW = 1_764_000_000_000L;
    private static final String TOPIC = "plant/roaster1/bean_temp";
    private final MutableClock clock = new MutableClock(NOW);
    private final TelemetryHub hub = new TelemetryHub(TestCatalogues.small(), clock, TelemetryHub.Settings.defaults());
    private final JsonTelemetryDecoder decoder =
            new JsonTelemetryDecoder(TestCatalogues.small(), "plant/", Duration.ofSeconds(30));

    private void decode(String topic, String payload, boolean retained) {
        decoder.decode(new IncomingMessage(topic, payload.getBytes(UTF_8), retained, NOW, 0), hub);
    }

    @Test
    void aValidSampleReachesTheHub() {
        decode(TOPIC, "{\"ts\":" + NOW + ",\"value\":182.25,\"seq\":1}", false);
        assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(182.25);
        assertThat(hub.status("roaster1.bean_temp").timestampMillis()).isEqualTo(NOW);
        assertThat(hub.diagnostics().total()).isZero();
    }

    @Test
    void theBatchFormDeliversEverySample() {
        decode(TOPIC, "{\"seq\":7,\"samples\":[{\"ts\":" + NOW + ",\"value\":1},{\"ts\":" + (NOW + 1)
                + ",\"value\":2},{\"ts\":" + (NOW + 2) + ",\"value\":3}]}", false);
        assertThat(hub.status("roaster1.bean_temp").received()).isEqualTo(3);
        assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(3);
    }

    @Test
    void instrumentBadQualityIsKeptAsBad() {
        decode(TOPIC, "{\"ts\":" + NOW + ",\"value\":5,\"quality\":\"bad\"}", false);
        assertThat(hub.status("roaster1.bean_temp").quality()).isEqualTo(Quality.BAD);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "not JSON           | {ts:1                                             | INVALID_JSON",
        "trailing garbage   | {\"ts\":NOW,\"value\":1} x                        | INVALID_JSON",
        "duplicate key      | {\"ts\":NOW,\"value\":1,\"value\":2}              | INVALID_JSON",
        "deep nesting       | {\"a\":[[[[[[[[[[[1]]]]]]]]]]],\"ts\":NOW,\"value\":1} | PARSER_LIMIT",
        "array payload      | [1,2,3]                                           | WRONG_TYPE",
        "value as string    | {\"ts\":NOW,\"value\":\"12.5\"}                   | WRONG_TYPE",
        "NaN as string      | {\"ts\":NOW,\"value\":\"NaN\"}                    | WRONG_TYPE",
        "null value         | {\"ts\":NOW,\"value\":null}                       | WRONG_TYPE",
        "object value       | {\"ts\":NOW,\"value\":{\"v\":1}}                  | WRONG_TYPE",
        "missing value      | {\"ts\":NOW}                                      | WRONG_TYPE",
        "fractional ts      | {\"ts\":1.5,\"value\":1}                          | WRONG_TYPE",
        "ts as string       | {\"ts\":\"2026-11-25T10:00:00Z\",\"value\":1}     | WRONG_TYPE",
        "bad quality word   | {\"ts\":NOW,\"value\":1,\"quality\":\"meh\"}      | WRONG_TYPE",
        "samples not array  | {\"samples\":5}                                   | WRONG_TYPE",
        "NaN literal        | {\"ts\":NOW,\"value\":NaN}                        | NOT_FINITE",
        "Infinity literal   | {\"ts\":NOW,\"value\":-Infinity}                  | NOT_FINITE",
        "overflowing number | {\"ts\":NOW,\"value\":1e999}                      | NOT_FINITE",
    })
    void badPayloadsAreCountedByCauseAndNeverBecomeAValue(String name, String payload, BadCause cause) {
        decode(TOPIC, payload.replace("NOW", Long.toString(NOW)), false);
        assertThat(hub.diagnostics().count(cause)).as(name).isEqualTo(1);
        assertThat(hub.diagnostics().total()).as(name).isEqualTo(1);
        assertThat(hub.status("roaster1.bean_temp").hasValue()).as(name).isFalse();
        assertThat(hub.status("roaster1.bean_temp").rejected()).as(name + ": counted for the channel").isEqualTo(1);
    }

    @Test
    void aLongStringIsRejectedNamingTheLimit() {
        decode(TOPIC, "{\"ts\":" + NOW + ",\"value\":1,\"note\":\"" + "x".repeat(5000) + "\"}", false);
        assertThat(hub.diagnostics().count(BadCause.PARSER_LIMIT)).isEqualTo(1);
        assertThat(hub.diagnostics().examples().get(0).detail())
                .isEqualTo("a string is longer than the limit of 1024 characters");
    }

    @Test
    void aValidNumberLongerThanTheParsersLimitIsReportedWithTheLimitNotAsInvalidJson() {
        decode(TOPIC, "{\"ts\":" + NOW + ",\"value\":1" + "0".repeat(70) + "}", false);

        assertThat(hub.diagnostics().count(BadCause.INVALID_JSON)).isZero();
        assertThat(hub.diagnostics().count(BadCause.PARSER_LIMIT)).isEqualTo(1);
        assertThat(BadCause.PARSER_LIMIT.label()).isEqualTo("over a parser limit");
        assertThat(hub.diagnostics().examples().get(0).detail())
                .isEqualTo("a number of 71 characters is longer than the limit of 64 characters");
        assertThat(hub.status("roaster1.bean_temp").rejected()).isEqualTo(1);
    }

    @Test
    void aNumberAtTheLimitIsAccepted() {
        decode(TOPIC, "{\"ts\":" + NOW + ",\"value\":1" + "0".repeat(63) + "}", false);
        assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(1e63);
        assertThat(hub.diagnostics().total()).isZero();
    }

    @Test
    void anUnknownParserLimitKeepsJacksonsWords() {
        assertThat(JsonTelemetryDecoder.describeLimit("Name length (60000) exceeds the maximum allowed (50000)"))
                .isEqualTo("over a parser limit: Name length (60000) exceeds the maximum allowed (50000)");
    }

    @Test
    void malformedPayloadsOnTwoCataloguedTopicsAreCountedInEachChannelsRejectedColumn() {
        for (int i = 0; i < 239; i++) {
            decode(i % 2 == 0 ? TOPIC : "plant/roaster1/exhaust_temp", i % 3 == 0 ? "{ts:1" : "not json " + i, false);
        }

        assertThat(hub.diagnostics().count(BadCause.INVALID_JSON)).isEqualTo(239);
        assertThat(hub.status("roaster1.bean_temp").rejected()).isEqualTo(120);
        assertThat(hub.status("roaster1.exhaust_temp").rejected()).isEqualTo(119);
        assertThat(hub.status("dryer1.moisture").rejected()).isZero();
    }

    @Test
    void anUnknownTopicIsCountedAsUnknownChannel() {
        decode("plant/nowhere/x", "{\"ts\":" + NOW + ",\"value\":1}", false);
        assertThat(hub.diagnostics().count(BadCause.UNKNOWN_CHANNEL)).isEqualTo(1);
    }

    @Test
    void anOldRetainedMessageIsStaleButAFreshOneIsAccepted() {
        decode(TOPIC, "{\"ts\":" + (NOW - 3_600_000) + ",\"value\":1}", true);
        assertThat(hub.diagnostics().count(BadCause.RETAINED_STALE)).isEqualTo(1);
        assertThat(hub.status("roaster1.bean_temp").hasValue()).isFalse();

        decode(TOPIC, "{\"ts\":" + (NOW - 1_000) + ",\"value\":2}", true);
        assertThat(hub.status("roaster1.bean_temp").value()).isEqualTo(2);
    }

    @Test
    void aRedeliveredMessageIsADuplicateAndAnOlderOneIsOutOfOrder() {
        String first = "{\"ts\":" + NOW + ",\"value\":1,\"seq\":1}";
        decode(TOPIC, first, false);
        decode(TOPIC, first, false);
        decode(TOPIC, "{\"ts\":" + (NOW - 100) + ",\"value\":1,\"seq\":2}", false);
        assertThat(hub.diagnostics().count(BadCause.DUPLICATE)).isEqualTo(1);
        assertThat(hub.diagnostics().count(BadCause.OUT_OF_ORDER)).isEqualTo(1);
        assertThat(hub.status("roaster1.bean_temp").received()).isEqualTo(1);
    }

    @Test
    void skippedSequenceNumbersAreCountedAsGapsAndShownAsRejections() {
        decode(TOPIC, "{\"ts\":" + NOW + ",\"value\":1,\"seq\":1}", false);
        decode(TOPIC, "{\"ts\":" + (NOW + 100) + ",\"value\":1,\"seq\":5}", false);
        assertThat(decoder.sequenceGaps()).isEqualTo(3);
        assertThat(hub.diagnostics().count(BadCause.SEQUENCE_GAP)).isEqualTo(1);
        assertThat(hub.status("roaster1.bean_temp").received()).isEqualTo(2);
        assertThat(hub.status("roaster1.bean_temp").rejected()).as("missing, not refused").isZero();
    }

    @Test
    void aRedeliveredLowerSequenceDoesNotFakeAGapButAPublisherRestartIsFollowed() {
        decode(TOPIC, "{\"ts\":" + NOW + ",\"value\":1,\"seq\":4}", false);
        decode(TOPIC, "{\"ts\":" + (NOW + 100) + ",\"value\":2,\"seq\":5}", false);
        decode(TOPIC, "{\"ts\":" + NOW + ",\"value\":1,\"seq\":4}", false); // QoS 1 redelivery
        decode(TOPIC, "{\"ts\":" + (NOW + 200) + ",\"value\":3,\"seq\":6}", false);
        decode(TOPIC, "{\"ts\":" + (NOW + 300) + ",\"value\":4,\"seq\":1}", false); // publisher restarted
        decode(TOPIC, "{\"ts\":" + (NOW + 400) + ",\"value\":5,\"seq\":2}", false);
        assertThat(decoder.sequenceGaps()).isZero();
        assertThat(hub.diagnostics().count(BadCause.SEQUENCE_GAP)).isZero();
    }

    @Test
    void onlyTopicsUnderThePrefixAreHandled() {
        assertThat(decoder.handles("plant/a/b")).isTrue();
        assertThat(decoder.handles("spBv1.0/CocoaPlant/NDATA/edge")).isFalse();
    }
}
