package io.plantconsole.telemetry.view.trend;

import java.time.Duration;

/** The time windows an operator can choose on a trend. */
public enum TimeWindow {
    MIN_1("1 min", Duration.ofMinutes(1)),
    MIN_10("10 min", Duration.ofMinutes(10)),
    HOUR_1("1 h", Duration.ofHours(1)),
    HOUR_8("8 h", Duration.ofHours(8)),
    HOUR_24("24 h", Duration.ofHours(24));

    private final String label;
    private final Duration duration;

    TimeWindow(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    public String label() {
        return label;
    }

    public long millis() {
        return duration.toMillis();
    }
}
