package io.plantconsole.telemetry.service;

import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.Quality;

/**
 * Latest value of a channel and its counters, as of one read.
 *
 * @param timestampMillis source time of the latest value, or 0 when none arrived yet
 */
public record ChannelStatus(ChannelDef channel, double value, long timestampMillis, Quality quality,
                            long received, long rejected, long lastArrivalMillis) {

    public boolean hasValue() {
        return timestampMillis > 0;
    }

    public boolean isLive() {
        return hasValue() && quality == Quality.GOOD;
    }

    public boolean isAbnormal() {
        return hasValue() && !channel.isNormal(value);
    }
}
