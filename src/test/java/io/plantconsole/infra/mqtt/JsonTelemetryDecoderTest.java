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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import io.plantconsole.telemetry.service.ChannelStatus;
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

    @Test
    void theDirectReaderAndJacksonDecideEveryPayloadAlike() {
        Random random = new Random(20261127);
        List<String> payloads = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            payloads.add(randomPayload(random, n));
        }
        MutableClock fastClock = new MutableClock(NOW);
        MutableClock slowClock = new MutableClock(NOW);
        TelemetryHub fastHub = new TelemetryHub(TestCatalogues.small(), fastClock, TelemetryHub.Settings.defaults());
        TelemetryHub slowHub = new TelemetryHub(TestCatalogues.small(), slowClock, TelemetryHub.Settings.defaults());
        JsonTelemetryDecoder fast = new JsonTelemetryDecoder(TestCatalogues.small(), "plant/", Duration.ofSeconds(30));
        JsonTelemetryDecoder slow =
                new JsonTelemetryDecoder(TestCatalogues.small(), "plant/", Duration.ofSeconds(30), false);
        int accepted = 0;
        for (String payload : payloads) {
            boolean retained = payload.hashCode() % 7 == 0;
            IncomingMessage m = new IncomingMessage(TOPIC, payload.getBytes(UTF_8), retained, NOW, 0);
            fast.decode(m, fastHub);
            slow.decode(m, slowHub);
            ChannelStatus a = fastHub.status("roaster1.bean_temp");
            ChannelStatus b = slowHub.status("roaster1.bean_temp");
            assertThat(Double.doubleToRawLongBits(a.value())).as(payload).isEqualTo(Double.doubleToRawLongBits(b.value()));
            assertThat(a.timestampMillis()).as(payload).isEqualTo(b.timestampMillis());
            assertThat(a.quality()).as(payload).isEqualTo(b.quality());
            assertThat(a.received()).as(payload).isEqualTo(b.received());
            assertThat(a.rejected()).as(payload).isEqualTo(b.rejected());
            assertThat(fastHub.diagnostics().snapshot()).as(payload).isEqualTo(slowHub.diagnostics().snapshot());
            assertThat(fast.sequenceGaps()).as(payload).isEqualTo(slow.sequenceGaps());
            accepted = (int) a.received();
        }
        assertThat(fastHub.diagnostics().examples()).isEqualTo(slowHub.diagnostics().examples());
        assertThat(accepted).as("enough valid samples to mean something").isGreaterThan(2_000);
        assertThat(fastHub.diagnostics().total()).as("and enough bad ones").isGreaterThan(5_000);
    }

    private static final String[] NUMBERS = {"0", "-0", "0.0", "-0.0", "1", "-1", "12.5", "182.25", "0.1", "0.05",
        "01", "1.", ".5", "-", "+1", "1e", "1e5", "1E-5", "1e+2", "-2.5E3", "1e400", "-1e400", "1e-400",
        "9007199254740993", "9007199254740992.5", "123456789012345678", "1234567890123456789",
        "12345678901234567890123", "0.1234567890123456789", "3.141592653589793238462643383279",
        "1" + "0".repeat(40), "NaN", "Infinity", "-Infinity", "\"12\"", "null", "true", "{}", "[1]", "1.5x", "0x10"};

    private static String randomNumber(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> NUMBERS[r.nextInt(NUMBERS.length)];
            case 1 -> Double.toString((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20));
            case 2 -> String.format(Locale.ROOT, "%." + r.nextInt(19) + "f", (r.nextDouble() - 0.3) * 1000);
            case 3 -> Long.toString(r.nextLong() >> r.nextInt(64));
            case 4 -> String.format(Locale.ROOT, "%.3f", r.nextInt(4000) / 10.0);
            default -> Integer.toString(r.nextInt(300));
        };
    }

    /** Mostly rising timestamps (so most valid samples are stored), some repeated or older, some malformed. */
    private static String randomTs(Random r, int n) {
        return switch (r.nextInt(10)) {
            case 0 -> new String[] {"0", "-5", "1.5", "1e3", "\"1\"", "null", "01", "12345678901234567890"}[r.nextInt(8)];
            case 1 -> Long.toString(NOW - 1_000_000 + n * 10L - r.nextInt(30));
            default -> Long.toString(NOW - 1_000_000 + n * 10L);
        };
    }

    /** JSON whitespace, now and then a character that is not. */
    private static String space(Random r) {
        if (r.nextInt(100) == 0) {
            return r.nextBoolean() ? "\f" : "\u00a0";
        }
        return new String[] {"", "", "", "", " ", "\n", "\t", "\r\n"}[r.nextInt(8)];
    }

    private static String randomPayload(Random r, int n) {
        List<String> fields = new ArrayList<>();
        if (r.nextInt(20) != 0) {
            fields.add("\"ts\":" + randomTs(r, n));
        }
        if (r.nextInt(20) != 0) {
            fields.add("\"value\":" + randomNumber(r));
        }
        if (r.nextBoolean()) {
            fields.add("\"seq\":" + (r.nextInt(5) == 0 ? randomNumber(r) : Integer.toString(r.nextInt(3000))));
        }
        if (r.nextInt(3) == 0) {
            fields.add("\"quality\":" + new String[] {"\"good\"", "\"bad\"", "\"meh\"", "\"go\\u006fd\"", "5",
                "null", "\"BAD\""}[r.nextInt(7)]);
        }
        if (r.nextInt(15) == 0) {
            fields.add(new String[] {"\"unit\":\"C\"", "\"a\":[1,[2]]", "\"samples\":[]", "\"value\":3",
                "\"seq\":7", "\"\\u0074s\":1", "\"x\":" + "[".repeat(9) + "]".repeat(9)}[r.nextInt(7)]);
        }
        Collections.shuffle(fields, r);
        StringBuilder b = new StringBuilder(r.nextInt(40) == 0 ? "\uFEFF" : "");
        b.append(space(r)).append('{');
        for (int k = 0; k < fields.size(); k++) {
            String[] kv = fields.get(k).split(":", 2);
            b.append(k == 0 ? "" : ",").append(space(r)).append(kv[0]).append(space(r)).append(':').append(space(r))
                    .append(kv[1]).append(space(r));
        }
        if (r.nextInt(40) == 0) {
            b.append(',');
        }
        b.append('}').append(space(r));
        if (r.nextInt(40) == 0) {
            b.append(new String[] {"x", "}", " {}", "\u0000"}[r.nextInt(4)]);
        }
        return b.toString();
    }
}
