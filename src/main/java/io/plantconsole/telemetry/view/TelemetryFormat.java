package io.plantconsole.telemetry.view;

import io.plantconsole.telemetry.model.ChannelDef;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the telemetry screens write numbers and times: engineering values with a number of decimals that suits the
 * channel's instrument range, counts with grouping, and local wall-clock times {@code HH:mm:ss}. Plain Java, used
 * by the view models.
 */
public final class TelemetryFormat {
    /** Shown where a value is missing (no sample yet, or a gap). */
    public static final String NO_VALUE = "—";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final ZoneId zone;

    public TelemetryFormat(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * Decimals for a channel: enough to see a change of about a thousandth of its instrument range, at most 3.
     * A 0–250 °C roaster reads to 0.1 °C, a 0–2 mm/s vibration to 0.01 mm/s.
     */
    public static int decimals(ChannelDef channel) {
        double span = channel.rangeHigh() - channel.rangeLow();
        if (span >= 1000) {
            return 0;
        }
        if (span >= 10) {
            return 1;
        }
        if (span >= 1) {
            return 2;
        }
        return 3;
    }

    /** The value with the channel's decimals, or {@link #NO_VALUE} for NaN. */
    public static String value(double value, ChannelDef channel) {
        if (!Double.isFinite(value)) {
            return NO_VALUE;
        }
        return String.format(Locale.ROOT, "%." + decimals(channel) + "f", value);
    }

    /** Value and unit, for example {@code 128.4 °C}. */
    public static String valueWithUnit(double value, ChannelDef channel) {
        String v = value(value, channel);
        return channel.unit().isEmpty() || NO_VALUE.equals(v) ? v : v + " " + channel.unit();
    }

    /** The normal operating band, for example {@code Normal 110.0–135.0 °C}. */
    public static String normalBand(ChannelDef channel) {
        return "Normal " + value(channel.normalLow(), channel) + "–" + value(channel.normalHigh(), channel)
                + (channel.unit().isEmpty() ? "" : " " + channel.unit());
    }

    /** A count with thousands separators, for example {@code 12,480}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A rate, for example {@code 1,250/s}. */
    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    /** Local wall-clock time {@code HH:mm:ss} of an epoch-millisecond instant; {@link #NO_VALUE} for 0. */
    public String time(long epochMillis) {
        if (epochMillis <= 0) {
            return NO_VALUE;
        }
        return TIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** Local wall-clock time {@code HH:mm:ss} of an epoch-second value, as the charts use. */
    public String timeOfSeconds(double epochSeconds) {
        return time(Math.round(epochSeconds * 1000.0));
    }

    /** A stamp for export file names, {@code yyyyMMdd-HHmmss} local time. */
    public String fileStamp(long epochMillis) {
        return FILE_STAMP.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** ISO-8601 local date-time with offset and milliseconds, for exported data. */
    public String isoTime(double epochSeconds) {
        return ISO.format(Instant.ofEpochMilli(Math.round(epochSeconds * 1000.0)).atZone(zone));
    }
}
