package io.plantconsole.telemetry.model;

import java.util.Objects;

/**
 * One entry of the channel catalogue.
 *
 * @param id          stable identifier, used in topics, charts and (later) alarms
 * @param name        human readable name
 * @param area        plant area, for example {@code Roasting}
 * @param equipment   equipment within the area, for example {@code Roaster 1}
 * @param unit        engineering unit
 * @param rangeLow    lower end of the instrument range
 * @param rangeHigh   upper end of the instrument range
 * @param normalLow   lower end of the normal operating band
 * @param normalHigh  upper end of the normal operating band
 * @param rateHz      nominal sample rate
 * @param source      where the data comes from
 */
public record ChannelDef(String id, String name, String area, String equipment, String unit,
                         double rangeLow, double rangeHigh, double normalLow, double normalHigh,
                         double rateHz, ChannelSource source) {
    public ChannelDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        if (!(rangeHigh > rangeLow)) {
            throw new IllegalArgumentException(id + ": range high must exceed range low");
        }
        if (!(rateHz > 0)) {
            throw new IllegalArgumentException(id + ": rate must be positive");
        }
    }

    public boolean isNormal(double value) {
        return value >= normalLow && value <= normalHigh;
    }

    /** Nominal period between samples in milliseconds. */
    public double periodMillis() {
        return 1000.0 / rateHz;
    }
}
