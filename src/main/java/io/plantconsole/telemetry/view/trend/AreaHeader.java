package io.plantconsole.telemetry.view.trend;

/** Group header in the pen list: an area and how many of its channels the list shows. */
public record AreaHeader(String area, int channels) implements PenListEntry {
}
