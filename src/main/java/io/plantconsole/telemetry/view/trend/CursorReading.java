package io.plantconsole.telemetry.view.trend;

/** What the cursor reads for one pen: its colour slot, name, value with unit (or "no data") and quality. */
public record CursorReading(int slot, String name, String value, PenState state) {
}
