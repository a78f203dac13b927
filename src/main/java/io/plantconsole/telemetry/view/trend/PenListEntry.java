package io.plantconsole.telemetry.view.trend;

/** One row of the pen list: an area header or a pen. */
public sealed interface PenListEntry permits AreaHeader, TrendPen {
}
