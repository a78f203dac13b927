package io.plantconsole.bench;

/**
 * A deterministic plant-like signal sampled at a fixed rate from {@code originMillis}: sample {@code k} of a channel
 * has time {@link #timeOf} and value {@link #value}. Both the hub feeder and the naive LineChart use it, so they
 * show the same sliding window.
 */
final class Signal {
    final double rateHz;
    final long originMillis;

    Signal(double rateHz, long originMillis) {
        this.rateHz = rateHz;
        this.originMillis = originMillis;
    }

    long timeOf(long k) {
        return originMillis + (long) Math.floor(k * 1000.0 / rateHz);
    }

    /** The last sample index due at {@code tMillis}. */
    long indexAt(long tMillis) {
        return (long) Math.floor((tMillis - originMillis) * rateHz / 1000.0);
    }

    double value(int channel, long k) {
        double t = k / rateHz;
        long h = k * 0x9E3779B97F4A7C15L + channel * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        double noise = ((h & 0xFFFFF) / (double) 0xFFFFF - 0.5) * 2.0;
        return 100 + 25 * channel + 10 * Math.sin(2 * Math.PI * t / 30) + 3 * Math.sin(2 * Math.PI * t / 2.3) + noise;
    }
}
