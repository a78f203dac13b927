package io.plantconsole.kernel.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UuidV7Test {
    private static final long T0 = 1_760_000_000_123L;

    private final MutableClock clock = new MutableClock(T0);
    private final UuidV7 ids = new UuidV7(clock, new SecureRandom());

    @Test
    void ids_carry_version_7_and_the_rfc_variant() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = ids.next();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.toString().charAt(14)).isEqualTo('7');
            assertThat(id.toString().charAt(19)).isIn('8', '9', 'a', 'b');
        }
    }

    @Test
    void the_timestamp_is_the_clock_in_unix_milliseconds() {
        UUID id = ids.next();

        assertThat(UuidV7.timestampMillis(id)).isEqualTo(T0);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x", T0 >>> 16, T0 & 0xFFFF));
        clock.advance(Duration.ofSeconds(3));
        assertThat(UuidV7.timestampMillis(ids.next())).isEqualTo(T0 + 3_000);
    }

    @Test
    void a_hundred_thousand_ids_in_one_millisecond_increase_strictly_as_numbers_and_as_strings() {
        List<UUID> list = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            list.add(ids.next());
        }

        for (int i = 1; i < list.size(); i++) {
            UUID a = list.get(i - 1);
            UUID b = list.get(i);
            assertThat(UuidV7.compareUnsigned(a, b)).as("unsigned order at %d", i).isNegative();
            assertThat(a.toString()).as("string order at %d", i).isLessThan(b.toString());
        }
        // The 12-bit counter overflowed many times; each overflow borrowed the next millisecond.
        long last = UuidV7.timestampMillis(list.get(list.size() - 1));
        assertThat(last).isGreaterThan(T0).isLessThanOrEqualTo(T0 + 100_000 / 2_048 + 1);
        assertThat(new HashSet<>(list)).hasSize(100_000);
    }

    @Test
    void ids_keep_increasing_when_the_clock_steps_back() {
        UUID before = ids.next();
        clock.set(T0 - 60_000);

        UUID after = ids.next();

        assertThat(UuidV7.compareUnsigned(before, after)).isNegative();
        assertThat(UuidV7.timestampMillis(after)).isEqualTo(T0);
    }

    @Test
    void ids_are_unique_and_increasing_per_thread_across_four_threads() throws Exception {
        UuidV7 shared = UuidV7.systemDefault();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<UUID>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Callable<List<UUID>> task = () -> {
                    List<UUID> mine = new ArrayList<>();
                    for (int i = 0; i < 25_000; i++) {
                        mine.add(shared.next());
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> f : futures) {
                List<UUID> mine = f.get();
                for (int i = 1; i < mine.size(); i++) {
                    assertThat(UuidV7.compareUnsigned(mine.get(i - 1), mine.get(i))).isNegative();
                }
                all.addAll(mine);
            }
            assertThat(all).hasSize(100_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unsigned_comparison_orders_ids_whose_high_bit_is_set_after_those_without() {
        UUID low = new UUID(0x0000_0000_0000_7000L, 0x8000_0000_0000_0000L);
        UUID high = new UUID(0x8000_0000_0000_7000L, 0x8000_0000_0000_0000L);

        assertThat(UuidV7.compareUnsigned(low, high)).isNegative();
        assertThat(low.compareTo(high)).as("java.util.UUID compares signed").isPositive();
    }
}
