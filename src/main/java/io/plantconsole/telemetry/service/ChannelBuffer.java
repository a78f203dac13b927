package io.plantconsole.telemetry.service;

import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.Quality;

/**
 * Everything the hub keeps for one channel: the native-rate ring, the min/max tier, the latest value and counters.
 * One writer (the telemetry thread), many readers; all access holds this object's monitor, and a read copies out
 * what it needs so the lock is held only for the copy.
 */
final class ChannelBuffer {
    final ChannelDef def;
    private final SampleRing ring;
    private final MinMaxTier tier;
    private long lastTime;
    private double lastValue = Double.NaN;
    private byte lastQuality = Quality.STALE.code();
    private long lastArrivalMillis;
    private boolean forcedStale;
    private long received;
    private long rejected;

    ChannelBuffer(ChannelDef def, int nativeCapacity, long tierBucketMillis, int tierCapacity) {
        this.def = def;
        this.ring = new SampleRing(nativeCapacity);
        this.tier = new MinMaxTier(tierBucketMillis, tierCapacity);
    }

    /** Appends a sample unless it is out of order or a duplicate. Telemetry thread. */
    synchronized Verdict append(long t, double v, Quality q, long arrivalMillis) {
        if (received > 0 && t < lastTime) {
            rejected++;
            return Verdict.OUT_OF_ORDER;
        }
        if (received > 0 && t == lastTime && (v == lastValue || Double.isNaN(v) && Double.isNaN(lastValue))) {
            rejected++;
            return Verdict.DUPLICATE;
        }
        byte qc = q.code();
        ring.add(t, v, qc);
        tier.add(t, v, qc);
        lastTime = t;
        lastValue = v;
        lastQuality = qc;
        lastArrivalMillis = arrivalMillis;
        forcedStale = false;
        received++;
        return Verdict.ACCEPTED;
    }

    /** Counts input for this channel that was refused before it became a sample (bad payload, bad value). */
    synchronized void countRejected() {
        rejected++;
    }

    synchronized void markStale() {
        forcedStale = true;
    }

    synchronized void clearStale() {
        forcedStale = false;
    }

    synchronized ChannelStatus status(long nowMillis, long staleAfterMillis) {
        Quality q = Quality.ofCode(lastQuality);
        if (received == 0 || forcedStale || nowMillis - lastArrivalMillis > staleAfterMillis) {
            q = Quality.STALE;
        }
        return new ChannelStatus(def, lastValue, received == 0 ? 0 : lastTime, q, received, rejected,
                lastArrivalMillis);
    }

    /**
     * Copies the window [from, to] into {@code out}, min/max-decimated to about {@code maxPoints} points, with a NaN
     * break wherever consecutive samples are more than {@code gapMillis} apart (shown as a gap, never bridged).
     */
    synchronized void read(long from, long to, int maxPoints, long gapMillis, SeriesBuffer out) {
        out.clear();
        if (from >= ring.oldestTime() || ring.size() < ring.capacity() || tier.size() == 0) {
            readNative(from, to, Math.max(2, maxPoints), gapMillis, out);
        } else {
            readTier(from, to, Math.max(2, maxPoints), gapMillis, out);
        }
    }

    private void readNative(long from, long to, int maxPoints, long gapMillis, SeriesBuffer out) {
        int first = ring.firstAtOrAfter(from);
        int end = ring.firstAtOrAfter(to + 1);
        int n = end - first;
        if (n <= 0) {
            return;
        }
        Emitter e = new Emitter(out);
        if (n <= maxPoints) {
            for (int i = first; i < end; i++) {
                if (i > first && ring.timeAt(i) - ring.timeAt(i - 1) > gapMillis) {
                    e.gap(ring.timeAt(i - 1), ring.timeAt(i));
                }
                e.emit(ring.timeAt(i), ring.valueAt(i), ring.qualityAt(i));
            }
            return;
        }
        int buckets = Math.max(1, maxPoints / 2);
        double width = (double) (to - from + 1) / buckets;
        int i = first;
        while (i < end) {
            long bucketEnd = from + (long) Math.ceil(width * (Math.floor((ring.timeAt(i) - from) / width) + 1));
            int minI = i;
            int maxI = i;
            byte worst = ring.qualityAt(i);
            int j = i + 1;
            while (j < end && ring.timeAt(j) < bucketEnd && ring.timeAt(j) - ring.timeAt(j - 1) <= gapMillis) {
                if (ring.valueAt(j) < ring.valueAt(minI)) {
                    minI = j;
                }
                if (ring.valueAt(j) > ring.valueAt(maxI)) {
                    maxI = j;
                }
                worst = (byte) Math.max(worst, ring.qualityAt(j));
                j++;
            }
            int a = Math.min(minI, maxI);
            int b = Math.max(minI, maxI);
            e.emit(ring.timeAt(a), ring.valueAt(a), worst);
            if (b != a) {
                e.emit(ring.timeAt(b), ring.valueAt(b), worst);
            }
            if (j < end && ring.timeAt(j) - ring.timeAt(j - 1) > gapMillis) {
                e.gap(ring.timeAt(j - 1), ring.timeAt(j));
            }
            i = j;
        }
    }

    private void readTier(long from, long to, int maxPoints, long gapMillis, SeriesBuffer out) {
        int first = tier.firstAtOrAfter(from);
        int end = tier.firstStartingAfter(to);
        int n = end - first;
        if (n <= 0) {
            return;
        }
        long bucket = tier.bucketMillis();
        long tierGap = Math.max(gapMillis, 2 * bucket);
        Emitter e = new Emitter(out);
        int group = Math.max(1, (int) Math.ceil(n / (maxPoints / 2.0)));
        int i = first;
        while (i < end) {
            double mn = tier.minAt(i);
            double mx = tier.maxAt(i);
            byte worst = tier.qualityAt(i);
            int j = i + 1;
            while (j < end && j - i < group && tier.startAt(j) - tier.startAt(j - 1) <= tierGap) {
                mn = Math.min(mn, tier.minAt(j));
                mx = Math.max(mx, tier.maxAt(j));
                worst = (byte) Math.max(worst, tier.qualityAt(j));
                j++;
            }
            long t0 = tier.startAt(i);
            long t1 = tier.startAt(j - 1) + bucket / 2;
            e.emit(t0, mn, worst);
            if (mx != mn) {
                e.emit(Math.max(t0 + 1, t1), mx, worst);
            }
            if (j < end && tier.startAt(j) - tier.startAt(j - 1) > tierGap) {
                e.gap(tier.startAt(j - 1), tier.startAt(j));
            }
            i = j;
        }
    }

    /** Writes points in time order; a gap is a NaN point, which charts draw as a break. */
    private static final class Emitter {
        private final SeriesBuffer out;

        Emitter(SeriesBuffer out) {
            this.out = out;
        }

        void emit(long t, double v, byte q) {
            out.add(t / 1000.0, v, q);
        }

        void gap(long before, long after) {
            out.add((before + after) / 2000.0, Double.NaN, Quality.STALE.code());
        }
    }

    enum Verdict { ACCEPTED, OUT_OF_ORDER, DUPLICATE }
}
