package io.plantconsole.sim;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeded randomness that does not depend on the order of calls: per-channel generators and per-event draws
 * ({@link #unit}) are derived from the seed and a name by SplitMix64 mixing.
 */
final class SimRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SimRandom() {
    }

    /** A generator of its own for the named stream (one per channel), the same for the same seed and name. */
    static RandomGenerator generator(long seed, String name) {
        return new SplittableRandom(key(seed, name));
    }

    /** A uniform draw in [0, 1) for event {@code n} of the named stream. */
    static double unit(long seed, String name, long n) {
        return (mix(key(seed, name) + (n + 1) * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
    }

    /** A uniform draw in [lo, hi) for event {@code n} of the named stream. */
    static double between(long seed, String name, long n, double lo, double hi) {
        return lo + (hi - lo) * unit(seed, name, n);
    }

    private static long key(long seed, String name) {
        return mix(mix(seed) ^ name.hashCode() * GOLDEN_GAMMA);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Smooth bounded wander: three sine waves of seeded period and phase. {@link #at} lies in [-1, 1] and is a pure
     * function of time, so channels that share it (one line's load) agree without sharing state.
     */
    record Wander(double[] omega, double[] phase) {
        private static final double[] WEIGHTS = {0.6, 0.3, 0.15};
        private static final double WEIGHT_SUM = 1.05;

        /** @param periodSeconds period of the slowest wave; the others are about 2.3 and 5.1 times faster */
        static Wander of(long seed, String name, double periodSeconds) {
            double[] factors = {1, 2.3, 5.1};
            double[] omega = new double[3];
            double[] phase = new double[3];
            for (int i = 0; i < 3; i++) {
                double jitter = between(seed, name + "/wander-period", i, 0.8, 1.25);
                omega[i] = 2 * Math.PI * factors[i] * jitter / periodSeconds;
                phase[i] = between(seed, name + "/wander-phase", i, 0, 2 * Math.PI);
            }
            return new Wander(omega, phase);
        }

        double at(double seconds) {
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                sum += WEIGHTS[i] * Math.sin(omega[i] * seconds + phase[i]);
            }
            return sum / WEIGHT_SUM;
        }
    }
}
