package io.plantconsole.telemetry.service;

import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.Quality;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The console's live picture of the plant: per channel a native-rate ring for the recent past and a min/max tier
 * for the last day, the latest value with its quality, and counters. Written by the {@code telemetry} thread only;
 * read from any thread (charts once per pulse, tiles at a few Hz).
 */
public final class TelemetryHub implements TelemetrySink {

    /**
     * Sizing and staleness rules.
     *
     * @param maxClockSkew how far in the future a sample may be stamped; later ones are rejected, because one
     *                     far-future sample would otherwise make every correct sample after it "out of order"
     */
    public record Settings(Duration nativeRetention, int maxNativeSamplesPerChannel, Duration tierBucket,
                           Duration tierRetention, Duration minStaleAfter, double staleAfterPeriods,
                           Duration maxClockSkew) {
        public Settings(Duration nativeRetention, int maxNativeSamplesPerChannel, Duration tierBucket,
                        Duration tierRetention, Duration minStaleAfter, double staleAfterPeriods) {
            this(nativeRetention, maxNativeSamplesPerChannel, tierBucket, tierRetention, minStaleAfter,
                    staleAfterPeriods, Duration.ofMinutes(1));
        }

        public static Settings defaults() {
            return new Settings(Duration.ofHours(1), 1_000_000, Duration.ofSeconds(1), Duration.ofHours(24),
                    Duration.ofSeconds(3), 5);
        }
    }

    private final ChannelCatalogue catalogue;
    private final Clock clock;
    private final Settings settings;
    private final Map<String, ChannelBuffer> buffers = new HashMap<>();
    private final List<ChannelBuffer> ordered = new ArrayList<>();
    private final IngestDiagnostics diagnostics = new IngestDiagnostics();
    private final List<SampleListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder accepted = new LongAdder();

    public TelemetryHub(ChannelCatalogue catalogue, Clock clock, Settings settings) {
        this.catalogue = catalogue;
        this.clock = clock;
        this.settings = settings;
        int tierCapacity = (int) Math.max(2, settings.tierRetention().toMillis() / settings.tierBucket().toMillis());
        for (ChannelDef c : catalogue.channels()) {
            long wanted = (long) Math.ceil(c.rateHz() * settings.nativeRetention().toSeconds()) + 1;
            int capacity = (int) Math.max(2, Math.min(wanted, settings.maxNativeSamplesPerChannel()));
            ChannelBuffer b = new ChannelBuffer(c, capacity, settings.tierBucket().toMillis(), tierCapacity);
            buffers.put(c.id(), b);
            ordered.add(b);
        }
    }

    public ChannelCatalogue catalogue() {
        return catalogue;
    }

    public IngestDiagnostics diagnostics() {
        return diagnostics;
    }

    public void addListener(SampleListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SampleListener listener) {
        listeners.remove(listener);
    }

    /** Samples accepted into the buffers since start. */
    public long acceptedSamples() {
        return accepted.sum();
    }

    @Override
    public void sample(String channelId, long timestampMillis, double value, Quality quality) {
        accept(channelId, timestampMillis, value, quality, System.nanoTime());
    }

    /**
     * Stores one sample, or counts why not. Telemetry thread.
     *
     * @return whether the sample was stored
     */
    public boolean accept(String channelId, long timestampMillis, double value, Quality quality, long arrivalNanos) {
        ChannelBuffer b = buffers.get(channelId);
        if (b == null) {
            reject(BadCause.UNKNOWN_CHANNEL, channelId, "no catalogue entry '" + channelId + "'");
            return false;
        }
        if (!Double.isFinite(value)) {
            rejectOn(b, BadCause.NOT_FINITE, channelId + " = " + value);
            return false;
        }
        long now = clock.millis();
        if (timestampMillis > now + settings.maxClockSkew().toMillis()) {
            rejectOn(b, BadCause.FUTURE_TIMESTAMP, channelId + " t=" + timestampMillis + " is "
                    + (timestampMillis - now) / 1000 + " s ahead of this console's clock");
            return false;
        }
        switch (b.append(timestampMillis, value, quality, now)) {
            case OUT_OF_ORDER -> {
                diagnostics.count(BadCause.OUT_OF_ORDER, b.def.source().topic(), channelId + " t=" + timestampMillis,
                        now); // the buffer counted it for the channel
                return false;
            }
            case DUPLICATE -> {
                diagnostics.count(BadCause.DUPLICATE, b.def.source().topic(), channelId + " t=" + timestampMillis,
                        now);
                return false;
            }
            default -> {
                accepted.increment();
                for (SampleListener l : listeners) {
                    l.onSample(channelId, timestampMillis, value, quality, arrivalNanos);
                }
                return true;
            }
        }
    }

    /** Counts a refused sample of a known channel, in the totals and in the channel's own counter. */
    private void rejectOn(ChannelBuffer b, BadCause cause, String detail) {
        diagnostics.count(cause, b.def.source().topic(), detail, clock.millis());
        b.countRejected();
    }

    /**
     * Counts rejected input. When {@code topic} is a catalogued JSON topic, the channel's own rejected counter counts
     * it too (see {@link BadCause#countsAgainstChannel()}), so the diagnostics view can say which sensor sends bad
     * input. Any thread (the MQTT thread counts oversized and dropped messages).
     */
    @Override
    public void reject(BadCause cause, String topic, String detail) {
        diagnostics.count(cause, topic, detail, clock.millis());
        if (cause.countsAgainstChannel()) {
            catalogue.byJsonTopic(topic).map(c -> buffers.get(c.id())).ifPresent(ChannelBuffer::countRejected);
        }
    }

    @Override
    public void clearStale(String channelId) {
        ChannelBuffer b = buffers.get(channelId);
        if (b != null) {
            b.clearStale();
        }
    }

    @Override
    public void markStale(String channelId) {
        ChannelBuffer b = buffers.get(channelId);
        if (b != null) {
            b.markStale();
        }
    }

    /** How long a channel may stay silent before its value counts as stale. */
    public long staleAfterMillis(ChannelDef c) {
        return Math.max(settings.minStaleAfter().toMillis(), (long) (settings.staleAfterPeriods() * c.periodMillis()));
    }

    public ChannelStatus status(String channelId) {
        ChannelBuffer b = buffers.get(channelId);
        if (b == null) {
            throw new IllegalArgumentException("unknown channel " + channelId);
        }
        return b.status(clock.millis(), staleAfterMillis(b.def));
    }

    /** Latest status of every channel, in catalogue order. */
    public List<ChannelStatus> statuses() {
        long now = clock.millis();
        List<ChannelStatus> list = new ArrayList<>(ordered.size());
        for (ChannelBuffer b : ordered) {
            list.add(b.status(now, staleAfterMillis(b.def)));
        }
        return list;
    }

    /**
     * Copies a channel's samples in [fromMillis, toMillis] into {@code out}, min/max-decimated to about
     * {@code maxPoints}, with NaN breaks across gaps longer than the channel's stale time. Any thread.
     */
    public void read(String channelId, long fromMillis, long toMillis, int maxPoints, SeriesBuffer out) {
        ChannelBuffer b = buffers.get(channelId);
        if (b == null) {
            throw new IllegalArgumentException("unknown channel " + channelId);
        }
        b.read(fromMillis, toMillis, maxPoints, staleAfterMillis(b.def), out);
    }

    public long nowMillis() {
        return clock.millis();
    }
}
