package io.plantconsole.telemetry.view;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand. Thread-safe. */
public final class TestClock extends Clock {
    private final AtomicLong millis;
    private final ZoneId zone;

    public TestClock(long startMillis, ZoneId zone) {
        this.millis = new AtomicLong(startMillis);
        this.zone = zone;
    }

    public void advance(long deltaMillis) {
        millis.addAndGet(deltaMillis);
    }

    public void set(long epochMillis) {
        millis.set(epochMillis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new TestClock(millis.get(), z);
    }
}
