package io.plantconsole.infra.mqtt.sparkplug;

import io.plantconsole.infra.mqtt.sparkplug.SparkplugCodec.MalformedPayloadException;
import io.plantconsole.infra.mqtt.sparkplug.SparkplugMetric.ValueField;
import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.telemetry.service.IncomingMessage;
import io.plantconsole.telemetry.service.TelemetryDecoder;
import io.plantconsole.telemetry.service.TelemetrySink;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's Sparkplug B 3.0 host-application side: turns {@code spBv1.0/} messages into samples of catalogue
 * channels.
 *
 * <p>Per edge node of the catalogue it keeps the {@code bdSeq} of the current NBIRTH, the last {@code seq} (0–255,
 * NBIRTH = 0, +1 for every NDATA, DBIRTH, DDATA and DDEATH), and the alias → name/datatype tables the NBIRTH and each
 * DBIRTH declared, since a spec-conformant DATA message carries only aliases. Births carry current values and are
 * recorded as samples (a value the console already has is not sent again). An NDEATH whose {@code bdSeq} matches the
 * current birth, or a DDEATH, marks the node's (or device's) channels stale and forgets its state until the next
 * birth; an NDEATH with another {@code bdSeq} is a late Will of an earlier session and is ignored. A sequence gap, or
 * data before a birth, counts {@link BadCause#SEQUENCE_GAP}, marks the node stale, and asks the node for a rebirth at
 * most once per rebirth interval. Metrics that are not in the catalogue, unknown aliases and non-numeric values are
 * counted once per message. Command and STATE messages are ignored, and nodes outside the catalogue get no state and
 * no rebirth requests.
 *
 * <p>Runs on the single {@code telemetry} thread: not thread-safe, and needs no locking there.
 */
public final class SparkplugHostDecoder implements TelemetryDecoder {
    public static final Duration DEFAULT_REBIRTH_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(SparkplugHostDecoder.class);

    private final ChannelCatalogue catalogue;
    private final RebirthRequester rebirthRequester;
    private final Clock clock;
    private final long rebirthIntervalMillis;
    private final Map<String, NodeState> nodes = new HashMap<>();
    private final Map<String, Long> lastForwardedTime = new HashMap<>();
    private boolean loggedUnexpectedFailure;

    public SparkplugHostDecoder(ChannelCatalogue catalogue, RebirthRequester rebirthRequester, Clock clock) {
        this(catalogue, rebirthRequester, clock, DEFAULT_REBIRTH_INTERVAL);
    }

    /** @param rebirthInterval the shortest time between two rebirth requests to the same edge node */
    public SparkplugHostDecoder(ChannelCatalogue catalogue, RebirthRequester rebirthRequester, Clock clock,
                                Duration rebirthInterval) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.rebirthRequester = Objects.requireNonNull(rebirthRequester, "rebirthRequester");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rebirthIntervalMillis = rebirthInterval.toMillis();
        for (ChannelDef c : catalogue.channels()) {
            if (c.source().kind() != SourceKind.SPARKPLUG) {
                continue;
            }
            String[] parts = c.source().topic().split("/", -1);
            if (parts.length < 2 || parts.length > 3) {
                LOG.warn("Channel {}: Sparkplug source '{}' is not group/edgeNode[/device]; it will never receive "
                        + "data", c.id(), c.source().topic());
                continue;
            }
            NodeState node = nodes.computeIfAbsent(parts[0] + "/" + parts[1], p -> new NodeState(parts[0], parts[1]));
            if (parts.length == 3) {
                node.cataloguedDevices.put(parts[2], Boolean.TRUE);
            }
        }
    }

    @Override
    public boolean handles(String topic) {
        return topic.startsWith(SparkplugTopic.PREFIX);
    }

    /** Telemetry thread. Never throws: bad input is counted on the sink. */
    @Override
    public void decode(IncomingMessage message, TelemetrySink sink) {
        try {
            decodeMessage(message, sink);
        } catch (RuntimeException e) {
            if (!loggedUnexpectedFailure) {
                loggedUnexpectedFailure = true;
                LOG.warn("Sparkplug message on '{}' could not be processed (later failures are only counted)",
                        message.topic(), e);
            }
            sink.reject(BadCause.MALFORMED_PROTOBUF, message.topic(), "could not be processed: " + e);
        }
    }

    private void decodeMessage(IncomingMessage m, TelemetrySink sink) {
        Optional<SparkplugTopic> parsed = SparkplugTopic.parse(m.topic());
        if (parsed.isEmpty()) {
            sink.reject(BadCause.UNKNOWN_CHANNEL, m.topic(), "not a Sparkplug B topic");
            return;
        }
        SparkplugTopic topic = parsed.get();
        if (topic.type() == SparkplugTopic.MessageType.STATE || topic.type().isCommand()) {
            return;
        }
        NodeState node = nodes.get(topic.nodePath());
        if (node == null) {
            sink.reject(BadCause.UNKNOWN_CHANNEL, m.topic(), "edge node " + topic.nodePath()
                    + " has no channel in the catalogue");
            return;
        }
        SparkplugPayload payload;
        try {
            payload = SparkplugCodec.decode(m.payload());
        } catch (MalformedPayloadException e) {
            sink.reject(BadCause.MALFORMED_PROTOBUF, m.topic(), e.getMessage());
            return;
        }
        switch (topic.type()) {
            case NBIRTH -> onNodeBirth(node, topic, payload, m, sink);
            case NDEATH -> onNodeDeath(node, payload, sink);
            case NDATA -> {
                if (inSequence(node, topic.type(), payload, m, sink)) {
                    record(topic, node.metrics, payload, m, sink, false);
                }
            }
            case DBIRTH -> {
                if (inSequence(node, topic.type(), payload, m, sink)) {
                    onDeviceBirth(node, topic, payload, m, sink);
                }
            }
            case DDATA -> {
                if (inSequence(node, topic.type(), payload, m, sink)) {
                    onDeviceData(node, topic, payload, m, sink);
                }
            }
            case DDEATH -> {
                if (inSequence(node, topic.type(), payload, m, sink)) {
                    markStale(topic.path(), sink);
                    node.devices.remove(topic.device());
                }
            }
            default -> { }
        }
    }

    private void onNodeBirth(NodeState node, SparkplugTopic topic, SparkplugPayload p, IncomingMessage m,
                             TelemetrySink sink) {
        Long seq = p.seq();
        if (seq == null || seq != 0) {
            LOG.debug("NBIRTH of {} carries seq {} instead of 0", node.path, seq);
        }
        node.born = true;
        node.bdSeq = bdSeqOf(p);
        node.lastSeq = seq != null && seq >= 0 && seq <= 255 ? seq.intValue() : 0;
        node.metrics = MetricTable.fromBirth(p);
        node.devices.clear();
        record(topic, node.metrics, p, m, sink, true);
    }

    private void onNodeDeath(NodeState node, SparkplugPayload p, TelemetrySink sink) {
        if (!node.born) {
            return;
        }
        Long bdSeq = bdSeqOf(p);
        if (!Objects.equals(bdSeq, node.bdSeq)) {
            LOG.debug("Ignoring NDEATH of {} with bdSeq {}: the current birth has bdSeq {}", node.path, bdSeq,
                    node.bdSeq);
            return;
        }
        LOG.info("Sparkplug edge node {} died (bdSeq {})", node.path, bdSeq);
        markStale(node.path, sink);
        node.forget();
    }

    private void onDeviceBirth(NodeState node, SparkplugTopic topic, SparkplugPayload p, IncomingMessage m,
                               TelemetrySink sink) {
        if (!node.cataloguedDevices.containsKey(topic.device())) {
            sink.reject(BadCause.UNKNOWN_CHANNEL, m.topic(), "device " + topic.path()
                    + " has no channel in the catalogue");
            return;
        }
        MetricTable table = MetricTable.fromBirth(p);
        node.devices.put(topic.device(), table);
        record(topic, table, p, m, sink, true);
    }

    private void onDeviceData(NodeState node, SparkplugTopic topic, SparkplugPayload p, IncomingMessage m,
                              TelemetrySink sink) {
        MetricTable table = node.devices.get(topic.device());
        if (table != null) {
            record(topic, table, p, m, sink, false);
        } else if (!node.cataloguedDevices.containsKey(topic.device())) {
            sink.reject(BadCause.UNKNOWN_CHANNEL, m.topic(), "device " + topic.path()
                    + " has no channel in the catalogue");
        } else {
            sink.reject(BadCause.SEQUENCE_GAP, m.topic(), "DDATA of " + topic.path() + " before its DBIRTH");
            markStale(topic.path(), sink);
            requestRebirth(node, "DDATA before DBIRTH");
        }
    }

    /** Checks and advances the node's seq; on a gap or a message before NBIRTH the node loses its state. */
    private boolean inSequence(NodeState node, SparkplugTopic.MessageType type, SparkplugPayload p, IncomingMessage m,
                               TelemetrySink sink) {
        String problem;
        if (!node.born) {
            problem = type + " before NBIRTH";
        } else {
            int expected = (node.lastSeq + 1) % 256;
            if (p.seq() != null && p.seq() == expected) {
                node.lastSeq = expected;
                return true;
            }
            problem = "expected seq " + expected + ", got " + (p.seq() == null ? "none" : p.seq());
        }
        sink.reject(BadCause.SEQUENCE_GAP, m.topic(), problem);
        markStale(node.path, sink);
        node.forget();
        requestRebirth(node, problem);
        return false;
    }

    private void requestRebirth(NodeState node, String why) {
        long now = clock.millis();
        boolean askedRecently = node.lastRebirthRequestMillis != Long.MIN_VALUE
                && now - node.lastRebirthRequestMillis < rebirthIntervalMillis;
        if (askedRecently) {
            return;
        }
        node.lastRebirthRequestMillis = now;
        LOG.info("Requesting a rebirth of Sparkplug edge node {}: {}", node.path, why);
        try {
            rebirthRequester.requestRebirth(node.group, node.edgeNode);
        } catch (RuntimeException e) {
            LOG.warn("Rebirth request to {} failed: {}", node.path, e.toString());
        }
    }

    /** Sends the payload's metrics to their channels; a birth skips values the console already has. */
    private void record(SparkplugTopic topic, MetricTable table, SparkplugPayload p, IncomingMessage m,
                        TelemetrySink sink, boolean birth) {
        String path = topic.path();
        Problems problems = new Problems();
        for (SparkplugMetric metric : p.metrics()) {
            MetricDef def = table.resolve(metric);
            if (def == null) {
                problems.add(BadCause.UNKNOWN_ALIAS, metric.name() == null && metric.alias() == null
                        ? "a metric with neither name nor alias" : "alias " + metric.alias());
                continue;
            }
            if (isReserved(def.name())) {
                continue;
            }
            Optional<ChannelDef> channel = catalogue.bySparkplug(path, def.name());
            if (channel.isEmpty()) {
                problems.add(BadCause.UNKNOWN_CHANNEL, "'" + def.name() + "'");
                continue;
            }
            String id = channel.get().id();
            if (metric.isNull()) {
                sink.markStale(id);
                continue;
            }
            int datatype = metric.datatype() != SparkplugDataType.UNKNOWN ? metric.datatype() : def.datatype();
            if (SparkplugDataType.isTextual(datatype) || !isNumericField(metric.valueField())) {
                problems.add(BadCause.WRONG_TYPE, "'" + def.name() + "' ("
                        + SparkplugDataType.name(datatype) + ", " + metric.valueField() + " value)");
                continue;
            }
            long time = metric.timestamp() != null ? metric.timestamp()
                    : p.timestamp() != null ? p.timestamp() : m.arrivalMillis();
            Long last = lastForwardedTime.get(id);
            if (birth && last != null && time <= last) {
                sink.clearStale(id); // the node is back and confirms the value the console already holds
                continue;
            }
            sink.sample(id, time, SparkplugDataType.normalize(datatype, metric.number()), Quality.GOOD);
            lastForwardedTime.put(id, last == null ? time : Math.max(last, time));
        }
        problems.report(sink, m.topic(), path);
    }

    private void markStale(String nodeOrDevicePath, TelemetrySink sink) {
        for (ChannelDef c : catalogue.bySparkplugPath(nodeOrDevicePath)) {
            sink.markStale(c.id());
        }
    }

    private static Long bdSeqOf(SparkplugPayload p) {
        return p.metric(SparkplugMetric.BD_SEQ)
                .filter(b -> !b.isNull() && isNumericField(b.valueField()))
                .map(b -> (long) b.number())
                .orElse(null);
    }

    private static boolean isNumericField(ValueField f) {
        return f == ValueField.INT || f == ValueField.LONG || f == ValueField.FLOAT || f == ValueField.DOUBLE
                || f == ValueField.BOOLEAN;
    }

    private static boolean isReserved(String metricName) {
        return metricName.equals(SparkplugMetric.BD_SEQ) || metricName.startsWith("Node Control/")
                || metricName.startsWith("Device Control/");
    }

    private record MetricDef(String name, int datatype) {
    }

    /** The metrics a birth declared, by alias and by name. */
    private static final class MetricTable {
        static final MetricTable EMPTY = new MetricTable();
        private final Map<Long, MetricDef> byAlias = new HashMap<>();
        private final Map<String, MetricDef> byName = new HashMap<>();

        static MetricTable fromBirth(SparkplugPayload p) {
            MetricTable t = new MetricTable();
            for (SparkplugMetric m : p.metrics()) {
                if (m.name() == null) {
                    continue;
                }
                MetricDef def = new MetricDef(m.name(), m.datatype());
                t.byName.put(m.name(), def);
                if (m.alias() != null) {
                    t.byAlias.put(m.alias(), def);
                }
            }
            return t;
        }

        /** The birth's definition of a metric; a named metric the birth did not declare keeps its own datatype. */
        MetricDef resolve(SparkplugMetric m) {
            if (m.name() != null) {
                MetricDef def = byName.get(m.name());
                return def != null ? def : new MetricDef(m.name(), m.datatype());
            }
            return m.alias() == null ? null : byAlias.get(m.alias());
        }
    }

    private static final class NodeState {
        final String group;
        final String edgeNode;
        final String path;
        final Map<String, Boolean> cataloguedDevices = new HashMap<>();
        final Map<String, MetricTable> devices = new HashMap<>();
        boolean born;
        Long bdSeq;
        int lastSeq;
        MetricTable metrics = MetricTable.EMPTY;
        long lastRebirthRequestMillis = Long.MIN_VALUE;

        NodeState(String group, String edgeNode) {
            this.group = group;
            this.edgeNode = edgeNode;
            this.path = group + "/" + edgeNode;
        }

        void forget() {
            born = false;
            bdSeq = null;
            lastSeq = 0;
            metrics = MetricTable.EMPTY;
            devices.clear();
        }
    }

    /** Problems of one message, reported once per cause with the first example. */
    private static final class Problems {
        private final Map<BadCause, Integer> counts = new EnumMap<>(BadCause.class);
        private final Map<BadCause, String> firstExample = new EnumMap<>(BadCause.class);

        void add(BadCause cause, String example) {
            counts.merge(cause, 1, Integer::sum);
            firstExample.putIfAbsent(cause, example);
        }

        void report(TelemetrySink sink, String topic, String path) {
            counts.forEach((cause, n) -> sink.reject(cause, topic, n + " metric" + (n == 1 ? "" : "s") + " of "
                    + path + " " + explain(cause) + (n == 1 ? ": " : ", first: ") + firstExample.get(cause)));
        }

        private static String explain(BadCause cause) {
            return switch (cause) {
                case UNKNOWN_ALIAS -> "not declared by the birth";
                case UNKNOWN_CHANNEL -> "not in the channel catalogue";
                case WRONG_TYPE -> "not numeric";
                default -> cause.label();
            };
        }
    }
}
