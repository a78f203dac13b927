package io.plantconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A hand-run FX queue for view-model tests without the toolkit: hand it to {@code BackgroundTasks.threaded} as the
 * hand-off, then run what the lanes handed over, in order, on the test thread (which plays the FX thread).
 */
public final class ManualFx implements Consumer<Runnable> {
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void accept(Runnable r) {
        queue.add(r);
    }

    /** Runs the hand-offs as the FX thread would until {@code done} holds (10 s at most), then what is left. */
    public void runUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            Runnable r = queue.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
            assertThat(System.nanoTime()).as("timed out waiting for the lanes").isLessThan(deadline);
        }
        runPending();
    }

    /** Runs what is queued now. */
    public void runPending() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }
}
