package io.plantconsole.telemetry.view.trend;

/** A y-axis range in engineering units. */
public record AxisRange(double min, double max) {
}
