package io.plantconsole.bench;

import com.sun.javafx.perf.PerformanceTracker;
import javafx.scene.Scene;

/**
 * Counts frames a scene actually rendered: JavaFX's own {@link PerformanceTracker} (its scene tracker is called
 * back once per painted frame of the scene, on the render side), with the scene's post-layout pulse listener as a
 * second count (pulses the FX thread ran for the scene, painted or not). Falls back to the pulse count when the
 * tracker is not accessible (reported by {@link #mode()}).
 */
final class FrameCounter {
    /** Counters at one instant. */
    record Snapshot(long frames, long lastFrameNanos, long pulses, long nanos) {
    }

    private final Scene scene;
    private final Runnable pulseListener = this::pulse;
    private long frames;
    private long lastFrameNanos;
    private long pulses;
    private boolean tracker;
    private String mode = "not installed";

    FrameCounter(Scene scene) {
        this.scene = scene;
    }

    /** FX thread. */
    void install() {
        scene.addPostLayoutPulseListener(pulseListener);
        try {
            PerformanceTracker t = PerformanceTracker.getSceneTracker(scene);
            t.setOnRenderedFrameTask(this::frame);
            tracker = true;
            mode = "rendered frames counted by com.sun.javafx.perf.PerformanceTracker scene tracker";
        } catch (RuntimeException | LinkageError e) {
            mode = "PerformanceTracker unavailable (" + e + "): counted post-layout pulses instead";
        }
    }

    /** FX thread. */
    void uninstall() {
        scene.removePostLayoutPulseListener(pulseListener);
        if (tracker) {
            PerformanceTracker.getSceneTracker(scene).setOnRenderedFrameTask(null);
            PerformanceTracker.releaseSceneTracker(scene);
        }
    }

    private synchronized void frame() {
        frames++;
        lastFrameNanos = System.nanoTime();
    }

    private void pulse() {
        synchronized (this) {
            pulses++;
        }
        if (!tracker) {
            frame();
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(frames, lastFrameNanos, pulses, System.nanoTime());
    }

    String mode() {
        return mode;
    }
}
