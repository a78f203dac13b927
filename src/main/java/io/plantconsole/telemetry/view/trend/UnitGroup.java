package io.plantconsole.telemetry.view.trend;

import java.util.List;

/** Pens sharing one unit share one y axis. */
public record UnitGroup(String unit, List<TrendPen> pens) {
}
