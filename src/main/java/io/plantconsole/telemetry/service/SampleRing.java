package io.plantconsole.telemetry.service;

/**
 * Bounded ring of samples in time order (oldest overwritten). Not thread-safe: {@link ChannelBuffer} guards it.
 */
final class SampleRing {
    private final long[] time;
    private final double[] value;
    private final byte[] quality;
    private int head; // index of the next write
    private int size;

    SampleRing(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        time = new long[capacity];
        value = new double[capacity];
        quality = new byte[capacity];
    }

    int capacity() {
        return time.length;
    }

    int size() {
        return size;
    }

    void add(long t, double v, byte q) {
        time[head] = t;
        value[head] = v;
        quality[head] = q;
        head = head + 1 == time.length ? 0 : head + 1;
        if (size < time.length) {
            size++;
        }
    }

    /**
     * i-th sample in time order, 0 = oldest. No division: a window read calls this several times per sample (the
     * trends read a whole window per pen each time it moves), and {@code start + i} is below twice the capacity.
     */
    private int slot(int i) {
        int start = head - size;
        if (start < 0) {
            start += time.length;
        }
        int s = start + i;
        return s >= time.length ? s - time.length : s;
    }

    long timeAt(int i) {
        return time[slot(i)];
    }

    double valueAt(int i) {
        return value[slot(i)];
    }

    byte qualityAt(int i) {
        return quality[slot(i)];
    }

    long oldestTime() {
        return size == 0 ? Long.MAX_VALUE : timeAt(0);
    }

    /** First index whose time is at or after {@code t} (binary search; times are non-decreasing). */
    int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeAt(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
