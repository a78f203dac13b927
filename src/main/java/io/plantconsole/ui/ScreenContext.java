package io.plantconsole.ui;

import io.plantconsole.ui.task.BackgroundTasks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the shell gives every feature's screens.
 *
 * @param clock     wall clock; its zone is the zone times are shown in
 * @param exportDir where CSV, PNG and PDF exports are written (created at the first export)
 * @param tasks     the background-task seam: every blocking command of a screen runs there
 * @param navigator drill-downs to other screens
 */
public record ScreenContext(Clock clock, Path exportDir, BackgroundTasks tasks, Navigator navigator) {
    public ScreenContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(exportDir, "exportDir");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(navigator, "navigator");
    }
}
