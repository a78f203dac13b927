package io.plantconsole.telemetry.service;

/**
 * Min/max decimation tier: one bucket per {@code bucketMillis} with the minimum and maximum of the samples in it,
 * so a short spike survives decimation. Bounded ring; not thread-safe ({@link ChannelBuffer} guards it).
 */
final class MinMaxTier {
    private final long bucketMillis;
    private final long[] start;
    private final double[] min;
    private final double[] max;
    private final byte[] worstQuality;
    private int head;
    private int size;

    MinMaxTier(long bucketMillis, int capacity) {
        this.bucketMillis = bucketMillis;
        start = new long[capacity];
        min = new double[capacity];
        max = new double[capacity];
        worstQuality = new byte[capacity];
    }

    long bucketMillis() {
        return bucketMillis;
    }

    int size() {
        return size;
    }

    void add(long t, double v, byte q) {
        long bucket = Math.floorDiv(t, bucketMillis) * bucketMillis;
        int last = lastSlot();
        if (size > 0 && start[last] == bucket) {
            if (v < min[last]) {
                min[last] = v;
            }
            if (v > max[last]) {
                max[last] = v;
            }
            if (q > worstQuality[last]) {
                worstQuality[last] = q;
            }
            return;
        }
        if (size > 0 && bucket < start[last]) {
            return; // older than the newest bucket: the ring is append-only
        }
        start[head] = bucket;
        min[head] = v;
        max[head] = v;
        worstQuality[head] = q;
        head = (head + 1) % start.length;
        if (size < start.length) {
            size++;
        }
    }

    private int lastSlot() {
        return (head - 1 + start.length) % start.length;
    }

    private int slot(int i) {
        int s = head - size;
        if (s < 0) {
            s += start.length;
        }
        return (s + i) % start.length;
    }

    long startAt(int i) {
        return start[slot(i)];
    }

    double minAt(int i) {
        return min[slot(i)];
    }

    double maxAt(int i) {
        return max[slot(i)];
    }

    byte qualityAt(int i) {
        return worstQuality[slot(i)];
    }

    long oldestTime() {
        return size == 0 ? Long.MAX_VALUE : startAt(0);
    }

    /** First bucket whose start is after {@code t}: the end (exclusive) of a window ending at {@code t}. */
    int firstStartingAfter(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (startAt(mid) <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First bucket that ends after {@code t}: the start of a window beginning at {@code t}. */
    int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (startAt(mid) + bucketMillis <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
