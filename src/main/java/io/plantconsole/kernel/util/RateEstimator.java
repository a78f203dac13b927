package io.plantconsole.kernel.util;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a growing counter into a rate per second over a sliding window (for example messages/s from the ingest
 * counter, sampled at a few Hz). Plain Java; not thread-safe (one view model owns it).
 */
public final class RateEstimator {
    private record Sample(long atMillis, long count) {
    }

    private final long windowMillis;
    private final List<Sample> samples = new ArrayList<>();

    /** @param windowMillis how far back the rate looks, for example 3000 */
    public RateEstimator(long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.windowMillis = windowMillis;
    }

    /**
     * Adds a reading of the counter and returns the rate per second over the window (0 until two readings at
     * different times exist). A counter that went backwards (restart) starts over.
     */
    public double update(long count, long nowMillis) {
        Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        if (last != null && (count < last.count() || nowMillis < last.atMillis())) {
            samples.clear();
        }
        samples.add(new Sample(nowMillis, count));
        // keep one reading at or before the window's start, drop older ones
        while (samples.size() > 2 && nowMillis - samples.get(1).atMillis() >= windowMillis) {
            samples.remove(0);
        }
        Sample first = samples.get(0);
        long dt = nowMillis - first.atMillis();
        if (dt <= 0) {
            return 0;
        }
        return (count - first.count()) * 1000.0 / dt;
    }
}
