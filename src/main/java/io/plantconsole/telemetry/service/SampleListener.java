package io.plantconsole.telemetry.service;

import io.plantconsole.telemetry.model.Quality;

/**
 * Hook for consumers that must see every accepted sample (the alarm evaluator, latency probes).
 * Called on the {@code telemetry} thread; must return quickly and never block.
 */
@FunctionalInterface
public interface SampleListener {
    void onSample(String channelId, long timestampMillis, double value, Quality quality, long arrivalNanos);
}
