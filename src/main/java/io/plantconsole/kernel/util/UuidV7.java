package io.plantconsole.kernel.util;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * RFC 9562 UUIDv7 generator: 48-bit Unix-millisecond timestamp, version 7, a 12-bit {@code rand_a} used as a
 * counter (RFC 9562 §6.2, method 1), variant {@code 10}, 62 random bits.
 *
 * <p>Ids from one generator are strictly increasing, compared as unsigned 128-bit numbers or as strings: within
 * one millisecond the counter counts up from a random start below 2048; when it overflows, or when the clock
 * goes backwards, the generator moves its own timestamp forward by one millisecond instead of waiting, so an id
 * may carry a timestamp slightly ahead of the clock under a burst of more than about 2 000 ids per millisecond.
 *
 * <p>Thread-safe: any thread may call {@link #next()}; calls are serialised on this generator.
 */
public final class UuidV7 {
    private static final int COUNTER_BITS = 12;
    private static final int COUNTER_MAX = (1 << COUNTER_BITS) - 1;
    /** Random counter starts stay below half the range, leaving room for at least 2048 ids per millisecond. */
    private static final int COUNTER_SEED_BOUND = 1 << (COUNTER_BITS - 1);
    private static final long MAX_TIMESTAMP = (1L << 48) - 1;

    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = Long.MIN_VALUE;
    private int counter;

    public UuidV7(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A generator on the system UTC clock and a default {@link SecureRandom}. */
    public static UuidV7 systemDefault() {
        return new UuidV7(Clock.systemUTC(), new SecureRandom());
    }

    /** The next id, strictly greater than every id this generator returned before. Any thread. */
    public UUID next() {
        long millis;
        int count;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = random.nextInt(COUNTER_SEED_BOUND);
            } else if (counter < COUNTER_MAX) {
                counter++; // same millisecond, or the clock stepped back: stay on our own timeline
            } else {
                lastMillis++; // counter overflow: borrow the next millisecond
                counter = random.nextInt(COUNTER_SEED_BOUND);
            }
            if (lastMillis < 0 || lastMillis > MAX_TIMESTAMP) {
                throw new IllegalStateException("clock out of the UUIDv7 range: " + lastMillis + " ms");
            }
            millis = lastMillis;
            count = counter;
        }
        long randB = random.nextLong();
        long msb = (millis << 16) | (0x7L << 12) | count;
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The Unix-millisecond timestamp of a version-7 id. */
    public static long timestampMillis(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException("not a UUIDv7: " + id);
        }
        return id.getMostSignificantBits() >>> 16;
    }

    /**
     * Compares two ids as unsigned 128-bit numbers (the order of their strings and of their creation), unlike
     * {@link UUID#compareTo}, which compares signed halves.
     */
    public static int compareUnsigned(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
