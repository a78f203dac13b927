package io.plantconsole.sim;

import io.plantconsole.telemetry.model.ChannelDef;

/** One simulated reading, ready to publish. {@code bad} means the instrument flags it as bad quality. */
public record SimSample(ChannelDef channel, long timestampMillis, double value, boolean bad) {
}
