package io.plantconsole.telemetry.service;

import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.Quality;

/**
 * Latest value of a channel and its counters, as of one read.
 *
 * @param timestampMillis source time of the latest value, or 0 when none arrived yet
 * @param received        samples stored
 * @param rejected        input for this channel that was refused: bad payloads on its topic, bad values, samples out
 *                        of order or repeated (not messages dropped for a full queue, not sequence gaps)
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
