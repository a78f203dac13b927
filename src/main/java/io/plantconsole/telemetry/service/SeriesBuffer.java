package io.plantconsole.telemetry.service;

import java.util.Arrays;

/** Reusable output of a window read: x in epoch seconds, y in engineering units, quality per point. */
public final class SeriesBuffer {
    private double[] x = new double[0];
    private double[] y = new double[0];
    private byte[] quality = new byte[0];
    private int size;

    public double[] x() {
        return x;
    }

    public double[] y() {
        return y;
    }

    public byte[] quality() {
        return quality;
    }

    public int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void add(double xs, double ys, byte q) {
        if (size == x.length) {
            int n = Math.max(256, x.length * 2);
            x = Arrays.copyOf(x, n);
            y = Arrays.copyOf(y, n);
            quality = Arrays.copyOf(quality, n);
        }
        x[size] = xs;
        y[size] = ys;
        quality[size] = q;
        size++;
    }
}
