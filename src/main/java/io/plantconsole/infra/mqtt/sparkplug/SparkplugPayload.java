package io.plantconsole.infra.mqtt.sparkplug;

import java.util.List;
import java.util.Optional;

/**
 * A Sparkplug B payload as far as the console uses it ({@code uuid} and {@code body} are not kept).
 *
 * @param timestamp message time in epoch milliseconds, or null when absent
 * @param seq       sequence number 0–255, or null when absent (NDEATH, commands)
 * @param metrics   metrics in wire order
 */
public record SparkplugPayload(Long timestamp, Long seq, List<SparkplugMetric> metrics) {

    public SparkplugPayload {
        metrics = List.copyOf(metrics);
    }

    /** The first metric with that name. */
    public Optional<SparkplugMetric> metric(String name) {
        for (SparkplugMetric m : metrics) {
            if (name.equals(m.name())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
