package io.plantconsole.app.shell;

import javafx.animation.AnimationTimer;

/**
 * Counts JavaFX pulses (one per rendered frame while the scene is live) with an {@link AnimationTimer} and reports
 * frames per second over the last seconds. Note that a running AnimationTimer itself keeps the pulse going, so this
 * measures how many frames the FX thread manages (up to the 60 Hz pulse cap), which drops when the UI thread is
 * overloaded. {@link #start()}/{@link #stop()} on the FX thread; readers may call from any thread.
 */
public final class FrameRateMeter {
    /** Default window of {@link #framesPerSecond()}. */
    public static final double DEFAULT_WINDOW_SECONDS = 2.0;
    private static final int CAPACITY = 1024;

    private final long[] stamps = new long[CAPACITY];
    private int head;
    private int size;
    private long frames;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            record(now);
        }
    };
    private boolean running;

    /** Starts counting. FX thread. */
    public void start() {
        if (!running) {
            running = true;
            timer.start();
        }
    }

    /** Stops counting. FX thread. */
    public void stop() {
        running = false;
        timer.stop();
    }

    public boolean isRunning() {
        return running;
    }

    /** Frames counted since start. */
    public synchronized long frames() {
        return frames;
    }

    /** Frames per second over the last {@value #DEFAULT_WINDOW_SECONDS} s. */
    public double framesPerSecond() {
        return framesPerSecond(DEFAULT_WINDOW_SECONDS, System.nanoTime());
    }

    /**
     * Frames per second over the last {@code windowSeconds} (at most about {@value #CAPACITY} frames back) as of
     * {@code nowNanos} on the {@link System#nanoTime()} scale; 0 with fewer than two frames in the window.
     */
    public synchronized double framesPerSecond(double windowSeconds, long nowNanos) {
        long window = (long) (windowSeconds * 1e9);
        long from = nowNanos - window;
        int count = 0;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        boolean coversWindow = false;
        for (int i = 0; i < size; i++) {
            long t = stamps[(head - 1 - i + CAPACITY) % CAPACITY];
            if (t < from) {
                coversWindow = true; // frames older than the window exist: the history spans it
                break;
            }
            count++;
            oldest = Math.min(oldest, t);
            newest = Math.max(newest, t);
        }
        if (coversWindow) {
            return count / windowSeconds;
        }
        if (count < 2 || newest <= oldest) {
            return 0;
        }
        return (count - 1) * 1e9 / (newest - oldest); // counting started within the window
    }

    /** Records one frame at {@code nanos}. Package-private for tests; the timer calls it on each pulse. */
    synchronized void record(long nanos) {
        stamps[head] = nanos;
        head = (head + 1) % CAPACITY;
        if (size < CAPACITY) {
            size++;
        }
        frames++;
    }
}
