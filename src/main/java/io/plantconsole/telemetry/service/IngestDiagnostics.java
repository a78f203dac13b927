package io.plantconsole.telemetry.service;

import io.plantconsole.telemetry.model.BadCause;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts rejected input per cause and keeps the latest few examples of each for the diagnostics view. The first
 * {@value #LOGGED_PER_CAUSE} of each cause are logged with their topic; later ones are only counted, so a flood of
 * bad payloads never floods the log. Thread-safe.
 */
public final class IngestDiagnostics {
    static final int LOGGED_PER_CAUSE = 5;
    private static final int EXAMPLES_PER_CAUSE = 5;
    private static final int MAX_DETAIL = 160;
    private static final Logger LOG = LoggerFactory.getLogger(IngestDiagnostics.class);

    private final AtomicLongArray counts = new AtomicLongArray(BadCause.values().length);
    private final Map<BadCause, Deque<Example>> examples = new EnumMap<>(BadCause.class);

    /** One rejected input, as shown to the user. */
    public record Example(BadCause cause, String topic, String detail, long atMillis) {
    }

    public void count(BadCause cause, String topic, String detail, long atMillis) {
        long n = counts.incrementAndGet(cause.ordinal());
        String shortDetail = detail == null ? "" : detail.length() > MAX_DETAIL
                ? detail.substring(0, MAX_DETAIL) + "…" : detail;
        if (n <= LOGGED_PER_CAUSE) {
            LOG.warn("Rejected input ({}) on topic '{}': {}{}", cause.label(), topic, shortDetail,
                    n == LOGGED_PER_CAUSE ? " (further ones of this cause are counted, not logged)" : "");
        }
        synchronized (examples) {
            Deque<Example> list = examples.computeIfAbsent(cause, c -> new ArrayDeque<>());
            if (list.size() == EXAMPLES_PER_CAUSE) {
                list.removeFirst();
            }
            list.addLast(new Example(cause, topic, shortDetail, atMillis));
        }
    }

    public long count(BadCause cause) {
        return counts.get(cause.ordinal());
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** Total of every cause except {@link BadCause#QUEUE_FULL} (input that was wrong, not dropped). */
    public long bad() {
        return total() - count(BadCause.QUEUE_FULL);
    }

    public Map<BadCause, Long> snapshot() {
        Map<BadCause, Long> map = new EnumMap<>(BadCause.class);
        for (BadCause c : BadCause.values()) {
            map.put(c, count(c));
        }
        return map;
    }

    public List<Example> examples() {
        synchronized (examples) {
            List<Example> all = new ArrayList<>();
            examples.values().forEach(all::addAll);
            all.sort((a, b) -> Long.compare(b.atMillis(), a.atMillis()));
            return all;
        }
    }
}
