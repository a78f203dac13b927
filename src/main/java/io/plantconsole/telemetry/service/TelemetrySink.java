package io.plantconsole.telemetry.service;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.Quality;

/** Where decoders put what they found. Called on the {@code telemetry} thread only. */
public interface TelemetrySink {

    /** One decoded sample of a catalogue channel. The sink may still reject it (order, duplicates). */
    void sample(String channelId, long timestampMillis, double value, Quality quality);

    /** Counts a rejected message or value; {@code detail} is shown on the diagnostics view. */
    void reject(BadCause cause, String topic, String detail);

    /** Marks a channel stale until its next good sample (Sparkplug death, sequence gap). */
    void markStale(String channelId);

    /** The source is alive again and the channel's latest value still holds (a rebirth repeating it). */
    default void clearStale(String channelId) {
    }
}
