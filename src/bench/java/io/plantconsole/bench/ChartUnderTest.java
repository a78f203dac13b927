package io.plantconsole.bench;

import javafx.scene.Parent;

/**
 * A chart the chart benchmark shows on a stage and updates at 25 Hz. FX thread, except {@link #halt},
 * {@link #updates} and {@link #meanUpdateMillis}, which any thread may call (a slow chart can keep the FX thread busy
 * for seconds).
 */
interface ChartUnderTest {
    /** Builds the scene root. */
    Parent build();

    /** Starts the 25 Hz updates. */
    void start();

    /** Makes further ticks do nothing. Any thread. */
    void halt();

    void stop();

    /** Update ticks run so far. Any thread. */
    long updates();

    double meanUpdateMillis();

    /** Sizes and point counts, for the notes. */
    String describe();

    double plotWidth();

    double plotHeight();
}
