package io.plantconsole.sim;

/**
 * How the plant simulator runs.
 *
 * @param rateHzOverride        sample rate for every channel in Hz; 0 keeps each channel's catalogue rate, 1000 is the
 *                              stress setting (at most {@value #MAX_RATE_HZ})
 * @param timeScale             simulated process seconds per wall-clock second (10: a 15 min roast takes 90 s);
 *                              sample rates and fault durations stay in wall-clock time
 * @param seed                  seed of every random choice, so a run can be repeated exactly
 * @param maxSamplesPerMessage  most samples of one channel a publisher may put in one message (1: one message per
 *                              sample); the simulator itself does not use it, the composition root hands it to the
 *                              publishers
 */
public record SimSettings(double rateHzOverride, double timeScale, long seed, int maxSamplesPerMessage) {
    /** Highest sample rate: timestamps are whole milliseconds and strictly increase per channel. */
    public static final double MAX_RATE_HZ = 1000;
    /** Seed of the demo plant. */
    public static final long DEMO_SEED = 20_251_125L;

    public SimSettings {
        if (!(rateHzOverride >= 0 && rateHzOverride <= MAX_RATE_HZ)) {
            throw new IllegalArgumentException("rateHzOverride must be 0 (catalogue rates) or up to " + MAX_RATE_HZ
                    + " Hz, got " + rateHzOverride);
        }
        if (!(timeScale > 0 && Double.isFinite(timeScale))) {
            throw new IllegalArgumentException("timeScale must be positive, got " + timeScale);
        }
        if (maxSamplesPerMessage < 1) {
            throw new IllegalArgumentException("maxSamplesPerMessage must be at least 1, got " + maxSamplesPerMessage);
        }
    }

    /** The demo: catalogue rates, processes ten times faster than life, one sample per message. */
    public static SimSettings demo() {
        return new SimSettings(0, 10, DEMO_SEED, 1);
    }

    /** The stress setting: every channel at 1 kHz, up to 100 samples of a channel per message. */
    public static SimSettings stress() {
        return new SimSettings(MAX_RATE_HZ, 10, DEMO_SEED, 100);
    }

    public SimSettings withSeed(long newSeed) {
        return new SimSettings(rateHzOverride, timeScale, newSeed, maxSamplesPerMessage);
    }

    public SimSettings withTimeScale(double newTimeScale) {
        return new SimSettings(rateHzOverride, newTimeScale, seed, maxSamplesPerMessage);
    }
}
