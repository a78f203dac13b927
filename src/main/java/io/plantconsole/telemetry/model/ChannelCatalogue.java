package io.plantconsole.telemetry.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The set of channels the console knows, in catalogue order. Immutable. */
public final class ChannelCatalogue {
    private final List<ChannelDef> channels;
    private final Map<String, ChannelDef> byId = new LinkedHashMap<>();
    private final Map<String, ChannelDef> bySource = new HashMap<>();

    public ChannelCatalogue(List<ChannelDef> channels) {
        this.channels = List.copyOf(channels);
        for (ChannelDef c : this.channels) {
            if (byId.put(c.id(), c) != null) {
                throw new IllegalArgumentException("duplicate channel id " + c.id());
            }
            if (bySource.put(c.source().key(), c) != null) {
                throw new IllegalArgumentException("two channels share source " + c.source().key());
            }
        }
    }

    public List<ChannelDef> channels() {
        return channels;
    }

    public int size() {
        return channels.size();
    }

    public Optional<ChannelDef> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Looks a channel up by its JSON topic. */
    public Optional<ChannelDef> byJsonTopic(String topic) {
        ChannelDef c = bySource.get(topic);
        return c != null && c.source().kind() == SourceKind.JSON ? Optional.of(c) : Optional.empty();
    }

    /** Looks a channel up by Sparkplug origin: {@code group/edgeNode[/device]} and metric name. */
    public Optional<ChannelDef> bySparkplug(String nodeOrDevicePath, String metric) {
        return Optional.ofNullable(bySource.get(nodeOrDevicePath + "#" + metric));
    }

    /** Channels whose Sparkplug origin is the given node or device path. */
    public List<ChannelDef> bySparkplugPath(String nodeOrDevicePath) {
        List<ChannelDef> result = new ArrayList<>();
        for (ChannelDef c : channels) {
            if (c.source().kind() == SourceKind.SPARKPLUG
                    && (c.source().topic().equals(nodeOrDevicePath)
                    || c.source().topic().startsWith(nodeOrDevicePath + "/"))) {
                result.add(c);
            }
        }
        return result;
    }

    /** Areas in catalogue order. */
    public List<String> areas() {
        List<String> areas = new ArrayList<>();
        for (ChannelDef c : channels) {
            if (!areas.contains(c.area())) {
                areas.add(c.area());
            }
        }
        return Collections.unmodifiableList(areas);
    }

    public List<ChannelDef> inArea(String area) {
        return channels.stream().filter(c -> c.area().equals(area)).toList();
    }
}
