package io.plantconsole.bench;

import java.util.Arrays;
import java.util.Locale;

/** Medians and percentiles. */
final class Stats {
    private Stats() {
    }

    /**
     * The median of every value. A repetition is never left out: NaN (a measurement that could not be taken) makes
     * the median NaN, shown as {@code n/a}, instead of quietly moving the median to the remaining repetitions. A rate
     * of a repetition that received nothing is 0 ({@link #rate}), not NaN.
     */
    static double median(double[] values) {
        if (values.length == 0 || Arrays.stream(values).anyMatch(Double::isNaN)) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** Events per second; 0 when nothing happened (however short the time), NaN for a count without a duration. */
    static double rate(long count, double seconds) {
        if (count == 0) {
            return 0;
        }
        return seconds > 0 ? count / seconds : Double.NaN;
    }

    /** Nearest-rank percentile of an ascending array; NaN when empty. */
    static double percentile(long[] sorted, int n, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.min(n - 1, Math.max(0, rank - 1))];
    }

    static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        double a = Math.abs(d);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return String.format(Locale.ROOT, "%.3f", d);
    }

    static String list(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(fmt(values[i]));
        }
        return b.append(']').toString();
    }

    static double ratio(double a, double b) {
        return b > 0 && Double.isFinite(a) && Double.isFinite(b) ? a / b : Double.NaN;
    }
}
