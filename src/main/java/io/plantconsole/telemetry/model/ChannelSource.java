package io.plantconsole.telemetry.model;

import java.util.Objects;

/**
 * Where a channel's data comes from. For {@link SourceKind#JSON} {@code topic} is the full MQTT topic and
 * {@code metric} is empty; for {@link SourceKind#SPARKPLUG} {@code topic} is
 * {@code group/edgeNode[/device]} and {@code metric} is the Sparkplug metric name.
 */
public record ChannelSource(SourceKind kind, String topic, String metric) {
    public ChannelSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        metric = metric == null ? "" : metric;
    }

    /** Key used to look a channel up by its origin. */
    public String key() {
        return kind == SourceKind.JSON ? topic : topic + "#" + metric;
    }
}
