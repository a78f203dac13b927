package io.plantconsole.infra.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.IncomingMessage;
import io.plantconsole.telemetry.service.TelemetryDecoder;
import io.plantconsole.telemetry.service.TelemetrySink;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the plain JSON topic layout (README "Topic layout"): one object per message, either
 * {@code {"ts":<epoch ms>,"value":<number>,"seq":<n>,"quality":"good"|"bad"}} or the batch form
 * {@code {"seq":<n>,"samples":[{"ts":..,"value":..},...]}}. Parsing is strict: duplicate keys and trailing tokens
 * are invalid JSON; numbers over {@value #MAX_NUMBER_LENGTH} characters, strings over {@value #MAX_STRING_LENGTH}
 * and nesting deeper than {@value #MAX_NESTING_DEPTH} are refused as {@link BadCause#PARSER_LIMIT} with the limit
 * named; and a value must be a JSON number, so a bad value becomes a counted bad sample and never a 0.0. The plain
 * single-sample form is read straight from the bytes ({@link PlainSampleReader}) when it is valid; anything else goes
 * through Jackson, which decides every error. Runs on the telemetry thread only (not thread-safe).
 */
public final class JsonTelemetryDecoder implements TelemetryDecoder {
    private static final int MAX_SAMPLES_PER_MESSAGE = 10_000;
    static final int MAX_NUMBER_LENGTH = 64;
    static final int MAX_STRING_LENGTH = 1024;
    static final int MAX_NESTING_DEPTH = 8;
    private static final Pattern FIRST_COUNT = Pattern.compile("\\((\\d+)\\)");

    private final ChannelCatalogue catalogue;
    private final String topicPrefix;
    private final long retainedMaxAgeMillis;
    private final ObjectMapper mapper;
    private final PlainSampleReader plain;
    private final Map<String, Long> lastSeq = new HashMap<>();
    private volatile long sequenceGaps;

    /**
     * @param topicPrefix      messages on topics starting with this belong to this decoder, for example {@code plant/}
     * @param retainedMaxAge   a retained message older than this at arrival is stale and is not shown as live
     */
    public JsonTelemetryDecoder(ChannelCatalogue catalogue, String topicPrefix, Duration retainedMaxAge) {
        this(catalogue, topicPrefix, retainedMaxAge, true);
    }

    /** @param readPlainFormDirectly false: every message through Jackson (tests compare both paths) */
    JsonTelemetryDecoder(ChannelCatalogue catalogue, String topicPrefix, Duration retainedMaxAge,
                         boolean readPlainFormDirectly) {
        this.plain = readPlainFormDirectly ? new PlainSampleReader() : null;
        this.catalogue = catalogue;
        this.topicPrefix = topicPrefix;
        this.retainedMaxAgeMillis = retainedMaxAge.toMillis();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(MAX_STRING_LENGTH).maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH).build())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    @Override
    public boolean handles(String topic) {
        return topic.startsWith(topicPrefix);
    }

    /** Messages whose {@code seq} skipped ahead of the previous one on the same topic (lost upstream). */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    @Override
    public void decode(IncomingMessage m, TelemetrySink sink) {
        Optional<ChannelDef> channel = catalogue.byJsonTopic(m.topic());
        if (channel.isEmpty()) {
            sink.reject(BadCause.UNKNOWN_CHANNEL, m.topic(), "topic not in the channel catalogue");
            return;
        }
        if (plain != null && plain.read(m.payload())) {
            if (plain.hasSeq()) {
                trackSequence(m.topic(), plain.seq(), sink);
            }
            accept(m, channel.get().id(), plain.ts(), plain.value(), plain.quality(), sink);
            return;
        }
        JsonNode root;
        try {
            root = mapper.readTree(m.payload());
        } catch (StreamConstraintsException e) {
            sink.reject(BadCause.PARSER_LIMIT, m.topic(), describeLimit(e.getOriginalMessage()));
            return;
        } catch (JsonProcessingException e) {
            sink.reject(BadCause.INVALID_JSON, m.topic(), e.getOriginalMessage());
            return;
        } catch (IOException e) {
            sink.reject(BadCause.INVALID_JSON, m.topic(), e.getMessage());
            return;
        }
        if (root == null || !root.isObject()) {
            sink.reject(BadCause.WRONG_TYPE, m.topic(), "payload is not a JSON object");
            return;
        }
        String id = channel.get().id();
        JsonNode seq = root.get("seq");
        if (seq != null && seq.canConvertToLong()) {
            trackSequence(m.topic(), seq.asLong(), sink);
        }
        JsonNode samples = root.get("samples");
        if (samples != null) {
            if (!samples.isArray() || samples.size() > MAX_SAMPLES_PER_MESSAGE) {
                sink.reject(BadCause.WRONG_TYPE, m.topic(), "\"samples\" must be an array of at most "
                        + MAX_SAMPLES_PER_MESSAGE);
                return;
            }
            for (JsonNode s : samples) {
                decodeSample(m, id, s, sink);
            }
        } else {
            decodeSample(m, id, root, sink);
        }
    }

    private void decodeSample(IncomingMessage m, String channelId, JsonNode node, TelemetrySink sink) {
        if (!node.isObject()) {
            sink.reject(BadCause.WRONG_TYPE, m.topic(), "sample is not an object");
            return;
        }
        JsonNode ts = node.get("ts");
        JsonNode value = node.get("value");
        if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong() || ts.asLong() <= 0) {
            sink.reject(BadCause.WRONG_TYPE, m.topic(), "\"ts\" must be epoch milliseconds, got " + describe(ts));
            return;
        }
        if (value == null || !value.isNumber()) {
            sink.reject(BadCause.WRONG_TYPE, m.topic(), "\"value\" must be a number, got " + describe(value));
            return;
        }
        double v = value.asDouble();
        if (!Double.isFinite(v)) {
            sink.reject(BadCause.NOT_FINITE, m.topic(), "value " + value.asText());
            return;
        }
        Quality quality = Quality.GOOD;
        JsonNode q = node.get("quality");
        if (q != null) {
            if (!q.isTextual() || !(q.asText().equals("good") || q.asText().equals("bad"))) {
                sink.reject(BadCause.WRONG_TYPE, m.topic(), "\"quality\" must be \"good\" or \"bad\"");
                return;
            }
            quality = q.asText().equals("bad") ? Quality.BAD : Quality.GOOD;
        }
        accept(m, channelId, ts.asLong(), v, quality, sink);
    }

    /** A well-formed sample: stale if it is an old retained one, else to the sink. */
    private void accept(IncomingMessage m, String channelId, long t, double v, Quality quality, TelemetrySink sink) {
        if (m.retained() && m.arrivalMillis() - t > retainedMaxAgeMillis) {
            sink.reject(BadCause.RETAINED_STALE, m.topic(), "retained sample from " + (m.arrivalMillis() - t)
                    + " ms ago");
            return;
        }
        sink.sample(channelId, t, v, quality);
    }

    /**
     * Counts messages lost upstream. A lower {@code seq} is a redelivery (ignored) unless it is 1: the publisher
     * restarted its counter.
     */
    private void trackSequence(String topic, long s, TelemetrySink sink) {
        Long previous = lastSeq.get(topic);
        if (previous == null || s > previous || s == 1) {
            lastSeq.put(topic, s);
        }
        if (previous != null && s > previous + 1) {
            long missing = s - previous - 1;
            sequenceGaps += missing;
            sink.reject(BadCause.SEQUENCE_GAP, topic, missing + " message(s) missing before seq " + s);
        }
    }

    /**
     * Names the limit a well-formed payload went over. Jackson says which one only in its message
     * ({@code Number value length (71) exceeds the maximum allowed (64, from ...)}); an unknown message is kept.
     */
    static String describeLimit(String jacksonMessage) {
        String text = jacksonMessage == null ? "" : jacksonMessage;
        if (text.startsWith("Number value length")) {
            Matcher length = FIRST_COUNT.matcher(text);
            return "a number " + (length.find() ? "of " + length.group(1) + " characters " : "")
                    + "is longer than the limit of " + MAX_NUMBER_LENGTH + " characters";
        }
        if (text.startsWith("String value length")) {
            return "a string is longer than the limit of " + MAX_STRING_LENGTH + " characters";
        }
        if (text.startsWith("Document nesting depth")) {
            return "nesting is deeper than the limit of " + MAX_NESTING_DEPTH + " levels";
        }
        return "over a parser limit: " + text;
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String text = n.toString();
        return n.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
